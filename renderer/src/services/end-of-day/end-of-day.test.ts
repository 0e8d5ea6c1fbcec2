import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import { defaultSettings } from '../../../../shared/domain/settings';
import type { CommandName, RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import type { Envelope } from '../../../../shared/ipc/envelope';
import { CountersignDb } from '../../data/db';
import type { StoredCard } from '../../data/records';
import { createSale, updateSale } from '../../data/sales-repo';
import { EndOfDayService } from './end-of-day';
import { ReportsService } from './reports-service';

/** The manager's one-time grant the close hands to main (main checks and uses it up; this host does not). */
const GRANT = `ag_${'A'.repeat(22)}`;

const unionpay: StoredCard = { maskedPan: '621234******1232', bin: null, last4: '1232', brand: 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: 'f' };

/** A console with a few sales in batch 000001 and a host that answers as told. */
const setup = (host: { outcome: 'balanced' | 'uploaded' | 'failed' }) => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  let stan = 0;
  const sent: Array<{ command: string; request: unknown }> = [];
  let batch = '000001';
  const ring = async (amountFen: number, kind: 'sale' | 'void' | 'refund' = 'sale', signatureState: 'signed' | 'unsigned' = 'signed') => {
    const s = await createSale(db, { kind, amountFen, operatorId: 'op-1', reference: '', note: '', originalSaleId: null });
    await updateSale(db, s.id, { state: 'card-read', card: unionpay, last4: '1232' }, { actor: 'op-1', action: 'x' });
    await updateSale(db, s.id, { state: 'authorizing', stan: String(++stan).padStart(6, '0'), batch }, { actor: 'op-1', action: 'x' });
    return updateSale(db, s.id, { state: 'approved', rrn: `${batch}${String(stan).padStart(6, '0')}`, authCode: '123456', signatureState }, { actor: 'op-1', action: 'x' });
  };
  const invoke = <K extends CommandName>(command: K, request: RequestOf<K>): Promise<Envelope<ResponseOf<K>>> => {
    sent.push({ command, request });
    const reply = (value: unknown) => Promise.resolve({ ok: true, value } as Envelope<ResponseOf<K>>);
    if (command === 'acquirer:status') return reply({ online: true, kind: 'simulated', signedOn: true, host: 'simulated', batch, lastCheckAt: null, lastEchoAt: null, latencyMs: 0, reason: null, simulator: null });
    if (command === 'acquirer:settle') {
      if (host.outcome === 'failed') return reply({ outcome: 'failed', batch, nextBatch: null, domestic: null, foreign: null, uploaded: 0, responseCode: null, failure: 'no-connection', settleDate: null, settledAt: null, repeated: false });
      const closed = batch;
      batch = '000002';
      const n = (request as RequestOf<'acquirer:settle'>).transactions.length;
      return reply({ outcome: host.outcome, batch: closed, nextBatch: '000002', domestic: host.outcome === 'balanced' ? 'balanced' : 'unbalanced', foreign: 'balanced', uploaded: host.outcome === 'balanced' ? 0 : n, responseCode: '00', failure: null, settleDate: '1123', settledAt: new Date().toISOString(), repeated: false });
    }
    if (command === 'printer:print') return reply({ jobId: (request as { jobId: string }).jobId, state: 'confirmed', failure: null, message: null, bytesSha256: 'a'.repeat(64), byteCount: 100, sent: true, printer: 'virtual', durationMs: 1 });
    return Promise.reject(new Error(`unexpected ${command}`));
  };
  const reports = new ReportsService({ db, print: (r) => invoke('printer:print', r), settings: defaultSettings });
  let opened = 0;
  const eod = new EndOfDayService({ db, invoke, reports, sendOpenSales: () => Promise.resolve(void opened++) });
  return { db, eod, reports, ring, sent, opened: () => opened };
};

describe('end of day', () => {
  it('sends the batch’s totals and sales, records the batch with its slip, prints it, and shows the next batch', async () => {
    const { db, eod, reports, ring, sent, opened } = setup({ outcome: 'uploaded' });
    await ring(10_000);
    await ring(2_500, 'sale', 'unsigned');
    await ring(700, 'refund');
    await eod.refresh();
    expect(eod.getSnapshot()).toMatchObject({ batch: '000001', debit: { count: 2, fen: 12_500 }, credit: { count: 1, fen: 700 }, warnings: { offline: 0, unresolved: 0, unsigned: 1 } });
    const closed = await eod.close('op-1', 'mgr-1', GRANT);
    expect(opened()).toBe(1);
    const settle = sent.find((s) => s.command === 'acquirer:settle')?.request as RequestOf<'acquirer:settle'>;
    expect(settle.grantId).toBe(GRANT);
    expect(settle.domestic).toEqual({ debitCount: 2, debitFen: 12_500, creditCount: 1, creditFen: 700 });
    expect(settle.transactions.map((t) => [t.kind, t.amountFen])).toEqual([
      ['sale', 10_000],
      ['sale', 2_500],
      ['refund', 700],
    ]);
    expect(closed?.batch).toMatchObject({ batch: '000001', outcome: 'uploaded', uploaded: 3, nextBatch: '000002', approvedBy: 'mgr-1', openAtClose: { unsigned: 1 } });
    expect(closed?.slip.data).toMatchObject({ kind: 'settlement', batch: '000001', netFen: 11_800, host: { outcome: 'uploaded', uploaded: 3 } });
    expect((await db.reports.get(closed!.slip.id))?.prints).toBe(1);
    expect(eod.getSnapshot()).toMatchObject({ batch: '000002', phase: 'idle', error: null, debit: { count: 0 } });
    expect(reports.markup((await db.reports.get(closed!.slip.id))!)).toContain('REPRINT 1');
    expect((await db.audit.toArray()).map((a) => a.action)).toContain('batch.settled');
  });

  it('a settlement that fails keeps the batch open, records nothing but the audit, and says why', async () => {
    const { db, eod, ring } = setup({ outcome: 'failed' });
    await ring(10_000);
    expect(await eod.close('op-1', 'mgr-1', GRANT)).toBeNull();
    expect(eod.getSnapshot().error).toMatchObject({ code: 'settle-failed', reason: 'no-connection' });
    expect(await db.batches.count()).toBe(0);
    expect(await db.reports.count()).toBe(0);
    expect((await db.audit.toArray()).map((a) => a.action)).toContain('batch.settle-failed');
  });

  it('daily and shift reports come from the running totals and reprint as REPRINT n', async () => {
    const { db, reports, ring } = setup({ outcome: 'balanced' });
    await ring(10_000);
    await ring(700, 'refund');
    const daily = await reports.make('daily', 'op-1');
    expect(daily.data).toMatchObject({ kind: 'daily', sales: { count: 1, fen: 10_000 }, refunds: { count: 1, fen: 700 }, notPrinted: 0, openCases: 0 });
    const shift = await reports.make('shift', 'op-1');
    expect(shift.data.operator?.id).toBe('op-1');
    await reports.print(daily.id, 'op-1');
    await reports.print(daily.id, 'op-1');
    const jobs = await db.printJobs.toArray();
    expect(jobs.map((j) => [j.copy, j.reprint])).toEqual([
      ['report', 0],
      ['report', 1],
    ]);
  });
});
