import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, hashEntry, sealEntry, verifyEntries } from './audit-chain';
import type { ChainEntry, ChainHead } from './audit-chain';

const build = (n: number): ChainEntry[] => {
  const out: ChainEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    out.push(
      sealEntry({
        seq,
        id: `id-${seq}`,
        at: new Date(Date.UTC(2026, 10, 23, 3, 0, seq)).toISOString(),
        actor: 'op-1',
        action: seq % 2 ? 'login' : 'sale.approved',
        objectType: 'operator',
        objectId: 'op-1',
        result: 'ok',
        device: 'dev-1',
        detail: { n: seq },
        prevHash: out[seq - 2]?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return out;
};

const headOf = (entries: ChainEntry[]): ChainHead => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
const rehash = (e: ChainEntry): ChainEntry => ({ ...e, hash: hashEntry(e) });

describe('audit chain hashing', () => {
  it('hashes the canonical JSON of every field but the hash (fixed vector)', () => {
    const entry = {
      seq: 1,
      id: '0193a5b2-0000-7000-8000-000000000001',
      at: '2026-11-23T03:00:00.000Z',
      actor: 'op',
      action: 'login',
      objectType: 'operator',
      objectId: 'op',
      result: 'ok' as const,
      device: 'dev',
      detail: { b: 1, a: [1, 'x'] },
      prevHash: GENESIS_HASH,
    };
    expect(hashEntry(entry)).toBe('e43779995ac56a81d7b99dfb30633de4bc8c44e97784347f2eca23064446de68');
    expect(hashEntry({ ...entry, detail: { a: [1, 'x'], b: 1 } })).toBe(hashEntry(entry));
  });
});

describe('chain verification', () => {
  it('accepts an untouched chain and reports its head', () => {
    const chain = build(10);
    expect(verifyEntries(chain, headOf(chain))).toEqual({ ok: true, count: 10, head: headOf(chain) });
    expect(verifyEntries([], null)).toMatchObject({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('names an edited middle entry', () => {
    const chain = build(10);
    chain[4] = { ...chain[4]!, result: 'fail' };
    expect(verifyEntries(chain, headOf(chain))).toMatchObject({ ok: false, problem: 'edited', firstBadSeq: 5, entryId: 'id-5', count: 4 });
  });

  it('names an entry edited and re-hashed, by its successor’s link', () => {
    const chain = build(10);
    chain[4] = rehash({ ...chain[4]!, actor: 'someone-else' });
    expect(verifyEntries(chain, headOf(chain))).toMatchObject({ ok: false, problem: 'edited', firstBadSeq: 5, entryId: 'id-5' });
  });

  it('names an edited last entry through the recorded head', () => {
    const chain = build(4);
    const head = headOf(chain);
    chain[3] = rehash({ ...chain[3]!, result: 'fail' });
    expect(verifyEntries(chain, head)).toMatchObject({ ok: false, problem: 'edited', firstBadSeq: 4, entryId: 'id-4' });
  });

  it('names the first entry of a gap as deleted', () => {
    const chain = build(10);
    const head = headOf(chain);
    chain.splice(5, 2);
    expect(verifyEntries(chain, head)).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 6, entryId: null });
  });

  it('names a deletion hidden by renumbering the rest', () => {
    const chain = build(10);
    const renumbered = [...chain.slice(0, 3), ...chain.slice(4).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(verifyEntries(renumbered, { seq: 9, hash: chain[9]!.hash })).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 4 });
  });

  it('names entries cut from the end, against the recorded head', () => {
    const chain = build(10);
    expect(verifyEntries(chain.slice(0, 8), headOf(chain))).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 9, entryId: null });
  });

  it('names an entry squeezed in with a fractional seq', () => {
    const chain = build(5);
    const forged = rehash({ ...chain[2]!, seq: 3.5, id: 'forged', prevHash: chain[2]!.hash });
    expect(verifyEntries([...chain.slice(0, 3), forged, ...chain.slice(3)], headOf(chain))).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 3.5, entryId: 'forged' });
  });

  it('names an entry inserted with the rest renumbered', () => {
    const chain = build(6);
    const forged = rehash({ ...chain[2]!, seq: 4, id: 'forged', action: 'refund', prevHash: chain[2]!.hash });
    const tampered = [...chain.slice(0, 3), forged, ...chain.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verifyEntries(tampered, { seq: 7, hash: chain[5]!.hash })).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 4, entryId: 'forged' });
  });

  it('names an inserted entry even when every later entry was re-hashed', () => {
    const chain = build(6);
    const forged = rehash({ ...chain[2]!, seq: 4, id: 'forged', prevHash: chain[2]!.hash });
    const later = chain.slice(3).map((e) => rehash({ ...e, seq: e.seq + 1 }));
    const tampered = [...chain.slice(0, 3), forged, ...later];
    expect(verifyEntries(tampered, headOf(tampered))).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 4, entryId: 'forged' });
  });

  it('names an entry appended behind the log’s back', () => {
    const chain = build(3);
    const extra = rehash({ ...chain[2]!, seq: 4, id: 'extra', prevHash: chain[2]!.hash });
    expect(verifyEntries([...chain, extra], headOf(chain))).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 4, entryId: 'extra' });
  });

  it('names two swapped entries as reordered', () => {
    const chain = build(8);
    const swapped = [...chain.slice(0, 4), { ...chain[5]!, seq: 5 }, { ...chain[4]!, seq: 6 }, ...chain.slice(6)];
    expect(verifyEntries(swapped, headOf(chain))).toMatchObject({ ok: false, problem: 'reordered', firstBadSeq: 5, entryId: 'id-6' });
  });

  it('sees a reordering across a chunk boundary through the look-ahead', () => {
    const chain = build(8);
    const swapped = [...chain.slice(0, 4), { ...chain[5]!, seq: 5 }, { ...chain[4]!, seq: 6 }, ...chain.slice(6)];
    const verifier = new ChainVerifier();
    expect(verifier.push(swapped.slice(0, 7), 5)).toMatchObject({ problem: 'reordered', firstBadSeq: 5 });
  });

  it('verifies an excerpt that starts after a known entry', () => {
    const chain = build(10);
    const excerpt = chain.slice(4, 7);
    expect(verifyEntries(excerpt, headOf(excerpt), headOf(chain.slice(0, 4)))).toMatchObject({ ok: true, count: 3 });
    expect(verifyEntries(excerpt, headOf(excerpt), headOf(chain.slice(0, 3)))).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 4 });
  });

  it('treats a missing head record with entries present as a deletion', () => {
    expect(verifyEntries(build(2), null)).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 3 });
  });
});
