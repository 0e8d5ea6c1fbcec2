import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { CountersignDb } from './db';
import { createJob, failedUnresolved, leftByStop, listForSale, markResult, markSending, nextReprintNumber, resolveJob } from './print-jobs-repo';

const db = () => new CountersignDb(`test-${uuidv7()}`);
const base = { copy: 'merchant' as const, reprint: 0, printer: 'virtual 127.0.0.1:9100', operatorId: 'op-1' };
const sha = 'a'.repeat(64);

describe('print journal', () => {
  it('moves a job queued → sending → confirmed and audits the outcome', async () => {
    const d = db();
    const saleId = uuidv7();
    const job = await createJob(d, { ...base, saleId });
    expect(job.state).toBe('queued');
    await markSending(d, job.id);
    expect((await d.printJobs.get(job.id))?.state).toBe('sending');
    const done = await markResult(d, job.id, { state: 'confirmed', failure: null, bytesSha256: sha, byteCount: 1200, printer: 'tcp 10.0.0.9:9100' });
    expect(done).toMatchObject({ state: 'confirmed', bytesSha256: sha, byteCount: 1200, printer: 'tcp 10.0.0.9:9100' });
    expect(await listForSale(d, saleId)).toHaveLength(1);
    expect((await d.audit.toArray()).map((a) => a.action)).toEqual(['receipt.printed']);
  });

  it('refuses to mark a job sending twice', async () => {
    const d = db();
    const job = await createJob(d, { ...base, saleId: uuidv7() });
    await markSending(d, job.id);
    await expect(markSending(d, job.id)).rejects.toThrow(/not queued/);
  });

  it('lists failed jobs until the cashier resolves them', async () => {
    const d = db();
    const job = await createJob(d, { ...base, saleId: uuidv7() });
    await markSending(d, job.id);
    await markResult(d, job.id, { state: 'failed', failure: 'paper-end', bytesSha256: null, byteCount: 0, printer: base.printer });
    expect((await failedUnresolved(d)).map((j) => j.failure)).toEqual(['paper-end']);
    await resolveJob(d, job.id, 'op-1', 'reprinted');
    expect(await failedUnresolved(d)).toEqual([]);
    expect((await d.audit.toArray()).map((a) => a.action)).toEqual(['receipt.print-failed', 'receipt.print-resolved']);
  });

  it('shows jobs interrupted while queued or sending, and not finished ones', async () => {
    const d = db();
    const queued = await createJob(d, { ...base, saleId: uuidv7() }, 1_000);
    const sending = await createJob(d, { ...base, saleId: uuidv7() }, 2_000);
    await markSending(d, sending.id, 2_001);
    const done = await createJob(d, { ...base, saleId: uuidv7() }, 3_000);
    await markSending(d, done.id);
    await markResult(d, done.id, { state: 'confirmed', failure: null, bytesSha256: sha, byteCount: 1, printer: base.printer });
    const all = ['queued', 'sending'] as const;
    expect((await leftByStop(d, all, Number.MAX_SAFE_INTEGER)).map((j) => j.id)).toEqual([queued.id, sending.id]);
    expect((await leftByStop(d, ['sending'], Number.MAX_SAFE_INTEGER)).map((j) => j.id)).toEqual([sending.id]);
    expect((await leftByStop(d, all, 1_500)).map((j) => j.id)).toEqual([queued.id]);
    await resolveJob(d, queued.id, 'op-1', 'dismissed');
    expect((await leftByStop(d, all, Number.MAX_SAFE_INTEGER)).map((j) => j.id)).toEqual([sending.id]);
  });

  it('resolving a failed job after a successful reprint keeps the failed job’s own time (it is not re-stamped)', async () => {
    const d = db();
    const saleId = uuidv7();
    const failed = await createJob(d, { ...base, saleId }, 1_000);
    await markSending(d, failed.id, 1_001);
    await markResult(d, failed.id, { state: 'failed', failure: 'paper-end', bytesSha256: null, byteCount: 0, printer: base.printer }, 1_002);
    await resolveJob(d, failed.id, 'op-1', 'reprinted', 9_000);
    expect(await d.printJobs.get(failed.id)).toMatchObject({ updatedAt: 1_002, resolvedAt: 9_000 });
  });

  it('numbers reprints per copy, not counting jobs that never reached the printer', async () => {
    const d = db();
    const saleId = uuidv7();
    expect(await nextReprintNumber(d, saleId, 'merchant')).toBe(0);
    const refused = await createJob(d, { ...base, saleId });
    await markResult(d, refused.id, { state: 'failed', failure: 'paper-end', bytesSha256: null, byteCount: 0, printer: base.printer });
    expect(await nextReprintNumber(d, saleId, 'merchant')).toBe(0);
    const first = await createJob(d, { ...base, saleId });
    await markResult(d, first.id, { state: 'confirmed', failure: null, bytesSha256: sha, byteCount: 1, printer: base.printer });
    expect(await nextReprintNumber(d, saleId, 'merchant')).toBe(1);
    expect(await nextReprintNumber(d, saleId, 'customer')).toBe(0);
    const half = await createJob(d, { ...base, saleId, reprint: 1 });
    expect((await d.audit.toArray()).some((a) => a.action === 'receipt.reprint')).toBe(true);
    await markResult(d, half.id, { state: 'failed', failure: 'connection-lost', bytesSha256: sha, byteCount: 1, printer: base.printer });
    expect(await nextReprintNumber(d, saleId, 'merchant')).toBe(2);
  });
});
