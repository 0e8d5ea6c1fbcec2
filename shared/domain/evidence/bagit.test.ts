import { describe, expect, it } from 'vitest';
import { BAGIT_TXT, bagInfoValue, baggingDate, formatBagInfo, formatManifest, parseBagInfo, parseManifest, payloadOxum } from './bagit';

describe('BagIt 1.0 tag files (RFC 8493)', () => {
  it('declares the bag exactly as §2.1.1 spells it', () => {
    expect(BAGIT_TXT).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('writes manifests sorted by path, two spaces between digest and path (sha256sum -c reads them), and reads them back', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const text = formatManifest([{ path: 'data/z.txt', sha256: b }, { path: 'data/a b.txt', sha256: a }, { path: 'data/100%\nodd', sha256: a }]);
    expect(text).toBe(`${a}  data/100%25%0Aodd\n${a}  data/a b.txt\n${b}  data/z.txt\n`);
    const parsed = parseManifest(text);
    expect(parsed.ok && [...parsed.entries]).toEqual([['data/100%\nodd', a], ['data/a b.txt', a], ['data/z.txt', b]]);
  });

  it('refuses a manifest line that is not digest and path, and a path listed twice', () => {
    expect(parseManifest('nothex  data/x\n')).toMatchObject({ ok: false, line: 1 });
    expect(parseManifest(`${'a'.repeat(64)}  data/x\n${'b'.repeat(64)}  data/x\n`)).toMatchObject({ ok: false, line: 2 });
  });

  it('gives Payload-Oxum as octets.streams and Bagging-Date as the UTC day', () => {
    expect(payloadOxum(279164, 9)).toBe('279164.9');
    expect(baggingDate(Date.UTC(2026, 10, 23, 23, 59))).toBe('2026-11-23');
  });

  it('keeps shop text on one line so it cannot start another element (RULES 20)', () => {
    expect(bagInfoValue('Shop\r\nPayload-Oxum: 1.1\u2028x')).toBe('Shop Payload-Oxum: 1.1 x');
    const info = formatBagInfo([['Source-Organization', '示例商店\nBagging-Date: 1999-01-01'], ['External-Identifier', 'case-1']]);
    expect(info).toBe('Source-Organization: 示例商店 Bagging-Date: 1999-01-01\nExternal-Identifier: case-1\n');
    expect(parseBagInfo(info)?.get('Bagging-Date')).toBeUndefined();
    expect(parseBagInfo('Label: one\n  continued\nLabel: two\n')?.get('Label')).toEqual(['one continued', 'two']);
  });
});
