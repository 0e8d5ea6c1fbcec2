import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../../shared/domain/backup/retention';
import { uuidv7 } from '../../../shared/domain/ids';
import { verifyChain } from './audit-repo';
import { readCounter } from './counters-repo';
import { CountersignDb } from './db';
import type { DisputeCaseRecord, PrintJobRecord, SignatureRecord } from './records';
import { removeHeldBefore } from './retention-repo';
import { createSale } from './sales-repo';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const monthsAgo = (m: number) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - m);
  return d.getTime();
};

/** A sale created at `at` and last written at `updatedAt`, with a signature, a print job and an attachment. */
const seed = async (db: CountersignDb, at: number, opts: { updatedAt?: number; openCase?: boolean; closedCase?: boolean; reprintAt?: number } = {}) => {
  const sale = await createSale(db, { kind: 'sale', amountFen: 1000, operatorId: 'op-1', reference: '', note: '', originalSaleId: null });
  await db.sales.update(sale.id, { createdAt: at, updatedAt: opts.updatedAt ?? at + 60_000, openCases: opts.openCase ? 1 : 0 });
  const signature = { id: uuidv7(), saleId: sale.id, kind: 'original', createdAt: at + 30_000, operatorId: 'op-1', strokes: [], image: null, reason: '', contactAttempts: '', approvedBy: null, digest: null } as SignatureRecord;
  await db.signatures.add(signature);
  await db.printJobs.add({ id: uuidv7(), saleId: sale.id, copy: 'merchant', reprint: 0, createdAt: at + 40_000, updatedAt: at + 41_000, state: 'confirmed', failure: null, bytesSha256: null, byteCount: 1, printer: 'virtual', operatorId: 'op-1' } as PrintJobRecord);
  if (opts.reprintAt) await db.printJobs.add({ id: uuidv7(), saleId: sale.id, copy: 'merchant', reprint: 1, createdAt: opts.reprintAt, updatedAt: opts.reprintAt, state: 'confirmed', failure: null, bytesSha256: null, byteCount: 1, printer: 'virtual', operatorId: 'op-1' } as PrintJobRecord);
  await db.attachments.add({ id: uuidv7(), ownerId: signature.id, createdAt: at + 30_000, name: 'paper.png', mimeType: 'image/png', size: 1, sha256: '0', data: new Blob([new Uint8Array([1])]) });
  if (opts.openCase || opts.closedCase) {
    await db.cases.add({ id: uuidv7(), saleId: sale.id, saleIds: [sale.id], type: 'chargeback', state: opts.openCase ? 'open' : 'closed', createdAt: at + 50_000, updatedAt: at + 50_000, dueAt: null } as unknown as DisputeCaseRecord);
  }
  return sale.id;
};

describe('retention removes only what a verified backup holds', () => {
  it('removes held sales past the period with everything attached, keeps the rest, audits each chunk and moves the counters', async () => {
    const db = new CountersignDb(`retention-${uuidv7()}`);
    const backupStarted = monthsAgo(1);
    const backup = { name: 'countersign-x-auto.age', startedAt: backupStarted, firstSale: monthsAgo(40) };
    const held = [];
    for (let i = 0; i < 5; i++) held.push(await seed(db, monthsAgo(30) + i * DAY));
    const closedCase = await seed(db, monthsAgo(29), { closedCase: true });
    const openCase = await seed(db, monthsAgo(30), { openCase: true });
    const changedSince = await seed(db, monthsAgo(30), { updatedAt: backupStarted + DAY });
    const reprintedSince = await seed(db, monthsAgo(30), { reprintAt: backupStarted + DAY });
    const olderThanBackup = await seed(db, monthsAgo(41));
    const recent = await seed(db, monthsAgo(3));
    const totalsBefore = await db.totals.toArray();
    const auditBefore = await db.audit.count();

    const removed = await removeHeldBefore(db, { cutoff: retentionCutoff(NOW, 24), backup, actor: 'op-1', now: NOW, chunk: 2 });

    expect(removed).toEqual({ sales: 6, signatures: 6, printJobs: 6, cases: 1, attachments: 6 });
    const left = (await db.sales.toArray()).map((s) => s.id).sort();
    expect(left).toEqual([openCase, changedSince, reprintedSince, olderThanBackup, recent].sort());
    for (const id of [...held, closedCase]) {
      expect(await db.signatures.where('saleId').equals(id).count()).toBe(0);
      expect(await db.printJobs.where('saleId').equals(id).count()).toBe(0);
    }
    expect(await db.signatures.count()).toBe(5);
    expect(await db.attachments.count()).toBe(5);
    expect(await db.cases.count()).toBe(1);
    // Counters follow the table; totals of closed days stay as history.
    expect(await readCounter(db, 'state:created')).toBe(5);
    expect(await readCounter(db, 'kind:sale')).toBe(5);
    expect(await db.totals.toArray()).toEqual(totalsBefore);
    // One audit entry per chunk that removed something; the chain still verifies.
    const entries = (await db.audit.toArray()).slice(auditBefore);
    expect(entries.map((e) => e.action).every((a) => a === 'retention.removed')).toBe(true);
    expect(entries.reduce((n, e) => n + Number(e.detail['sales']), 0)).toBe(6);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('removes nothing that is newer than the period, whatever the backup', async () => {
    const db = new CountersignDb(`retention-${uuidv7()}`);
    await seed(db, monthsAgo(23));
    await seed(db, monthsAgo(12));
    const removed = await removeHeldBefore(db, { cutoff: retentionCutoff(NOW, 24), backup: { name: 'b.age', startedAt: NOW, firstSale: 0 }, actor: 'op-1', now: NOW });
    expect(removed.sales).toBe(0);
    expect(await db.sales.count()).toBe(2);
  });

  it('never keeps less than 13 months, whatever period is asked', () => {
    expect(retentionCutoff(NOW, 6)).toBe(retentionCutoff(NOW, 13));
    expect(retentionCutoff(NOW, 13)).toBe(monthsAgo(13));
  });
});
