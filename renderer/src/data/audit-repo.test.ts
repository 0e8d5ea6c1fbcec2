import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEntry } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditFor, auditHead, auditTables, auditTreeHead, recentAudit, verifyChain } from './audit-repo';
import { CountersignDb } from './db';

const entry = (i: number) => ({ actor: 'op-1', action: i % 2 ? 'login' : 'settings.change', objectType: 'operator', objectId: `obj-${i % 3}`, result: 'ok' as const, detail: { i } });

const fresh = async (n: number): Promise<CountersignDb> => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  for (let i = 1; i <= n; i++) await appendAudit(db, entry(i));
  return db;
};

describe('audit repository', () => {
  it('appends a chain from genesis with UTC times, a device id and a recorded head', async () => {
    const db = await fresh(3);
    const rows = await db.audit.orderBy('seq').toArray();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Set(rows.map((r) => r.device)).size).toBe(1);
    expect(await auditHead(db)).toEqual({ seq: 3, hash: rows[2]!.hash });
    expect(await verifyChain(db)).toEqual({ ok: true, count: 3, head: { seq: 3, hash: rows[2]!.hash } });
  });

  it('verifies in chunks smaller than the log', async () => {
    const db = await fresh(25);
    expect(await verifyChain(db, { chunkSize: 4, lookahead: 2 })).toMatchObject({ ok: true, count: 25 });
  });

  it('names an edited middle row', async () => {
    const db = await fresh(10);
    await db.audit.update(5, { result: 'fail' });
    const id = (await db.audit.get(5))!.id;
    expect(await verifyChain(db, { chunkSize: 3 })).toMatchObject({ ok: false, problem: 'edited', firstBadSeq: 5, entryId: id });
  });

  it('names a deleted middle row', async () => {
    const db = await fresh(10);
    await db.audit.delete(6);
    expect(await verifyChain(db, { chunkSize: 4 })).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 6, entryId: null });
  });

  it('names deletion of the last row through the recorded head', async () => {
    const db = await fresh(10);
    await db.audit.delete(10);
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: 10, entryId: null });
  });

  it('names a row inserted between two others', async () => {
    const db = await fresh(5);
    const third = (await db.audit.get(3))!;
    const forged = { ...third, seq: 3.5, id: uuidv7(), action: 'refund', prevHash: third.hash };
    await db.audit.add({ ...forged, hash: hashEntry(forged) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 3.5, entryId: forged.id });
  });

  it('names a row appended without going through the log', async () => {
    const db = await fresh(3);
    const last = (await db.audit.get(3))!;
    const forged = { ...last, seq: 4, id: uuidv7(), prevHash: last.hash };
    await db.audit.add({ ...forged, hash: hashEntry(forged) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: 4, entryId: forged.id });
  });

  it('keeps one chain under 50 concurrent appends', async () => {
    const db = await fresh(0);
    const written = await Promise.all(Array.from({ length: 50 }, (_, i) => appendAudit(db, entry(i))));
    expect(new Set(written.map((e) => e.seq)).size).toBe(50);
    expect(await verifyChain(db, { chunkSize: 7 })).toMatchObject({ ok: true, count: 50 });
  });

  it('does not mistake appends made while verifying for tampering', async () => {
    const db = await fresh(30);
    const [verdict] = await Promise.all([verifyChain(db, { chunkSize: 5, lookahead: 0 }), ...Array.from({ length: 10 }, (_, i) => appendAudit(db, entry(i)))]);
    expect(verdict.ok).toBe(true);
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 40 });
  });

  it('joins the caller’s transaction: a failed write leaves no entry', async () => {
    const db = await fresh(2);
    await expect(
      db.transaction('rw', [db.sales, ...auditTables(db)], async () => {
        await appendAudit(db, { actor: 'op-1', action: 'sale.approved', objectType: 'sale', objectId: 's1', result: 'ok' });
        throw new Error('the sale write failed');
      }),
    ).rejects.toThrow('the sale write failed');
    expect(await db.audit.count()).toBe(2);
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses to append from a transaction that cannot hold the entry and its head', async () => {
    const db = await fresh(0);
    await expect(db.transaction('rw', db.sales, db.audit, () => appendAudit(db, entry(1)))).rejects.toThrow(/auditTables/);
    expect(await db.audit.count()).toBe(0);
  });

  it('lists the newest entries and the entries about one object', async () => {
    const db = await fresh(7);
    expect((await recentAudit(db, 3)).map((e) => e.seq)).toEqual([7, 6, 5]);
    expect((await auditFor(db, 'obj-1')).map((e) => e.seq)).toEqual([1, 4, 7]);
  });

  it('keeps the head with the Merkle tree frontier and each entry with the subtrees it completes', async () => {
    const db = await fresh(6);
    const head = await auditTreeHead(db);
    expect(head.seq).toBe(6);
    expect(head.frontier).toHaveLength(2);
    const rows = await db.audit.orderBy('seq').toArray();
    expect(rows.map((r) => r.tree?.length ?? 0)).toEqual([0, 1, 0, 2, 0, 1]);
  });
});
