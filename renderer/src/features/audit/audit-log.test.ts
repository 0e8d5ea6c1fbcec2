import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CountersignDb } from '../../data/db';
import { uuidv7 } from '../../../../shared/domain/ids';
import { appendAudit, verifyChain } from './audit-log';

const fresh = async (n: number) => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  for (let i = 0; i < n; i++) await appendAudit(db, { actor: 'op1', action: i % 2 ? 'login' : 'settings.change', objectType: 'operator', objectId: 'op1', result: 'ok', detail: { i } });
  return db;
};

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const db = await fresh(20);
    expect(await verifyChain(db, 7)).toMatchObject({ ok: true, count: 20 });
  });

  it('names an edited entry', async () => {
    const db = await fresh(10);
    await db.audit.update(4, { result: 'fail' });
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'edited', seq: 4 });
  });

  it('names a deleted entry in the middle', async () => {
    const db = await fresh(10);
    await db.audit.delete(6);
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'deleted', seq: 6 });
  });

  it('names deletion of the last entries', async () => {
    const db = await fresh(10);
    await db.audit.bulkDelete([9, 10]);
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'truncated', seq: 9 });
  });

  it('names an entry inserted between two others, even with a recomputed hash', async () => {
    const db = await fresh(5);
    const third = (await db.audit.get(3))!;
    const { entryHash } = await import('../../../../shared/domain/audit/chain-hash');
    const forged = { ...third, seq: 3.5, id: uuidv7(), action: 'refund', prevHash: third.hash };
    await db.audit.add({ ...forged, hash: entryHash(forged) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'inserted', seq: 3.5 });
  });

  it('names an entry appended behind the log’s back', async () => {
    const db = await fresh(3);
    const last = (await db.audit.get(3))!;
    const { entryHash } = await import('../../../../shared/domain/audit/chain-hash');
    const forged = { ...last, seq: 4, id: uuidv7(), prevHash: last.hash };
    await db.audit.add({ ...forged, hash: entryHash(forged) });
    expect(await verifyChain(db)).toMatchObject({ ok: false, problem: 'inserted', seq: 4 });
  });

  it('keeps one chain under concurrent appends', async () => {
    const db = await fresh(0);
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendAudit(db, { actor: 'a', action: 'x', objectType: 't', objectId: String(i), result: 'ok' })));
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 50 });
  });

  it('commits with the caller’s transaction or not at all', async () => {
    const db = await fresh(2);
    await expect(
      db.transaction('rw', db.audit, db.settings, async () => {
        await appendAudit(db, { actor: 'a', action: 'sale.approved', objectType: 'sale', objectId: 's1', result: 'ok' });
        throw new Error('the sale write failed');
      }),
    ).rejects.toThrow();
    expect(await db.audit.count()).toBe(2);
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 2 });
  });
});
