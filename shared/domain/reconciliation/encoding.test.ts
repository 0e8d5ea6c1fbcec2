import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding';
import { detectDelimiter, parseDelimited } from './delimited';
import { ImportFileError } from './problems';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const code = (bytes: Uint8Array): string => {
  try {
    decodeText(bytes);
    return 'ok';
  } catch (e) {
    return e instanceof ImportFileError ? `${e.code}@${e.row}` : 'other';
  }
};

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8('\uFEFF合计,1'))).toEqual({ text: '合计,1', encoding: 'utf-8', bom: true });
    expect(decodeText(utf8('合计,1'))).toEqual({ text: '合计,1', encoding: 'utf-8', bom: false });
  });

  it('falls back to GB18030 for GBK bytes', () => {
    expect(decodeText(Uint8Array.of(0xba, 0xcf, 0xbc, 0xc6, 0x2c, 0x31))).toEqual({ text: '合计,1', encoding: 'gb18030', bom: false });
  });

  it('reads UTF-16 by its BOM, either byte order', () => {
    expect(decodeText(Uint8Array.of(0xff, 0xfe, 0x08, 0x54, 0xa1, 0x8b)).text).toBe('合计');
    expect(decodeText(Uint8Array.of(0xfe, 0xff, 0x54, 0x08, 0x8b, 0xa1)).text).toBe('合计');
  });

  it('names the problem: empty, binary, cut short, undecodable with its row', () => {
    expect(code(new Uint8Array())).toBe('empty-file@null');
    expect(code(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02))).toBe('not-text@null');
    expect(code(utf8('a,b\n合计').subarray(0, 6))).toBe('truncated-character@2');
    expect(code(Uint8Array.of(0x61, 0x0a, 0x62, 0x0a, 0xff, 0xff, 0xff, 0x41, 0x0a))).toBe('undecodable@3');
  });
});

describe('delimited text', () => {
  it('finds the delimiter used on most lines, or none for fixed-width text', () => {
    expect(detectDelimiter('标题\na,b,c\n1,2,3\n4,5,6')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('交易日期  金额\n20261123  100')).toBeNull();
  });

  it('keeps quoted delimiters, doubled quotes and line breaks, and numbers rows by their first line', () => {
    const rows = parseDelimited('a,b\r\n"1,234.56","say ""hi""\nthere"\r\n\r\nx,y', ',');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1,234.56', 'say "hi"\nthere'] },
      { line: 5, cells: ['x', 'y'] },
    ]);
  });
});
