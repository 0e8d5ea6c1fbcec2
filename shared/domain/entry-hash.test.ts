import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { canonicalEntryText, entryHashHex } from './entry-hash';
import { sha256Hex } from './hash';

const base = {
  seq: 7,
  id: '0193a5b2-0000-7000-8000-000000000001',
  at: '2026-11-23T03:00:00.000Z',
  actor: 'op',
  action: 'login',
  objectType: 'operator',
  objectId: 'op',
  result: 'ok',
  device: 'dev',
  detail: { z: 1, a: ['x', { b: null, a: '\u2028"\\' }], 'ü': 'ö', '\u00e9': 1.5 },
  prevHash: '0'.repeat(64),
};

const generic = (e: Record<string, unknown>): string => {
  const { hash: _h, tree: _t, ...rest } = e;
  return canonicalJson(rest);
};

describe('entry hash fast path', () => {
  it.each([
    ['the usual entry', base],
    ['with hash and tree (not hashed)', { ...base, hash: 'f'.repeat(64), tree: ['a'.repeat(64)] }],
    ['an extra field (hashed, generic path)', { ...base, extra: 'x' }],
    ['a missing field', { ...base, device: undefined }],
    ['a number where a string belongs', { ...base, actor: 5 }],
    ['odd strings and numbers', { ...base, actor: '王经理 "quoted" \\ \n\t', objectId: '\u0000\u001f', seq: 1e21, detail: { n: -0, big: 2 ** 53, f: 0.1 + 0.2 } }],
  ])('hashes exactly the canonical JSON of %s', (_what, entry) => {
    const e = entry as Record<string, unknown>;
    expect(canonicalEntryText(e)).toBe(generic(e));
    expect(entryHashHex(e)).toBe(sha256Hex(generic(e)));
  });
});
