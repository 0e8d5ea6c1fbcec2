import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { CountersignDb } from '../../data/db';
import { createSale } from '../../data/sales-repo';
import { BackupError } from './run-backup';
import { runRetention } from './retention';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');

type Hold = { ok: true; value: { name: string; startedAt: string; firstSale: string } } | { ok: false; error: { code: string; reason: string; message: string } };

const world = async (hold: Hold) => {
  const db = new CountersignDb(`retention-run-${uuidv7()}`);
  const sale = await createSale(db, { kind: 'sale', amountFen: 500, operatorId: 'op-1', reference: '', note: '', originalSaleId: null });
  const old = Date.parse('2024-01-10T10:00:00.000Z');
  await db.sales.update(sale.id, { createdAt: old, updatedAt: old });
  const calls: Array<{ command: string; payload: unknown }> = [];
  const api = {
    invoke: (command: string, payload: unknown) => {
      calls.push({ command, payload });
      if (command === 'backup:retention-hold') return Promise.resolve(hold);
      if (command === 'backup:retention-done') return Promise.resolve({ ok: true, value: {} });
      return Promise.reject(new Error(command));
    },
  } as unknown as CountersignApi;
  return { db, api, calls };
};

describe('a retention run', () => {
  it('removes nothing when main does not vouch for the backup, and says why', async () => {
    const w = await world({ ok: false, error: { code: 'VALIDATION', reason: 'not-verified', message: 'no' } });
    const run = runRetention({ db: w.db, api: w.api, actor: 'op-1', now: () => NOW }, { backupName: 'x.age', months: 24 });
    await expect(run).rejects.toBeInstanceOf(BackupError);
    expect(await w.db.sales.count()).toBe(1);
    expect(w.calls.map((c) => c.command)).toEqual(['backup:retention-hold']);
  });

  it("uses main's answer for what the backup holds, then reports the removal to main", async () => {
    const w = await world({ ok: true, value: { name: 'b.age', startedAt: '2026-12-01T00:00:00.000Z', firstSale: '2023-01-01T00:00:00.000Z' } });
    const outcome = await runRetention({ db: w.db, api: w.api, actor: 'op-1', now: () => NOW }, { backupName: 'b.age', months: 24 });
    expect(outcome.removed.sales).toBe(1);
    expect(await w.db.sales.count()).toBe(0);
    expect(w.calls[1]).toMatchObject({ command: 'backup:retention-done', payload: { backupName: 'b.age', before: '2024-12-07T12:00:00.000Z', removed: { sales: 1 } } });
  });

  it('a backup that began before the sale was last written holds nothing of it', async () => {
    const w = await world({ ok: true, value: { name: 'b.age', startedAt: '2024-01-01T00:00:00.000Z', firstSale: '2023-01-01T00:00:00.000Z' } });
    const outcome = await runRetention({ db: w.db, api: w.api, actor: 'op-1', now: () => NOW }, { backupName: 'b.age', months: 24 });
    expect(outcome.removed.sales).toBe(0);
    expect(await w.db.sales.count()).toBe(1);
  });
});
