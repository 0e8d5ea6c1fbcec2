import Dexie from 'dexie';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit } from './audit-repo';
import type { CountersignDb } from './db';
import type { Copy, PrintJobRecord, ReprintSignatureCheck } from './records';

/**
 * The print journal: one row per job, written before the printer is touched (write-ahead) and
 * updated with the outcome: queued → sending → sent | confirmed | failed(reason). Reprints,
 * outcomes and cashier decisions are audited in the same transaction.
 */
export interface NewPrintJob {
  saleId: string | null;
  copy: Copy;
  /** 0 for the first print of this copy, n for REPRINT n (see nextReprintNumber). */
  reprint: number;
  printer: string;
  operatorId: string;
  /** The receipt markup as sent, for the on-screen preview of this copy. */
  markup?: string | null;
  /** A reprint's 校验签名 result, kept with the job and in its audit entry. */
  signatureCheck?: ReprintSignatureCheck | null;
}

export interface PrintOutcome {
  state: 'sent' | 'confirmed' | 'failed';
  failure: string | null;
  /** SHA-256 of the bytes that reached the printer; null when nothing was sent. */
  bytesSha256: string | null;
  byteCount: number;
  printer: string;
}

const tables = (db: CountersignDb) => [db.printJobs, db.audit, db.settings];

const audit = (db: CountersignDb, job: PrintJobRecord, action: string, result: 'ok' | 'fail', detail: Record<string, unknown>) =>
  appendAudit(db, { actor: job.operatorId, action, objectType: job.saleId ? 'sale' : 'print-job', objectId: job.saleId ?? job.id, result, detail: { jobId: job.id, copy: job.copy, reprint: job.reprint, ...detail } });

const queuedJob = (input: NewPrintJob, now: number): PrintJobRecord => ({ ...input, markup: input.markup ?? null, id: uuidv7(now), createdAt: now, updatedAt: now, state: 'queued', failure: null, bytesSha256: null, byteCount: 0, resolvedAt: null });

export const createJob = (db: CountersignDb, input: NewPrintJob, now: number = Date.now()): Promise<PrintJobRecord> =>
  db.transaction('rw', tables(db), async () => {
    const job = queuedJob(input, now);
    await db.printJobs.add(job);
    if (job.reprint > 0) await audit(db, job, 'receipt.reprint', 'ok', { printer: job.printer, ...(job.signatureCheck ? { signatureCheck: job.signatureCheck.result, problems: job.signatureCheck.problems } : {}) });
    return job;
  });

/**
 * First prints of a sale's copies, queued inside the caller's transaction (it must include
 * `printJobs`): the sale's approval writes them with itself (sales-repo `queuePrints`).
 */
export const createJobsIn = async (db: CountersignDb, inputs: readonly NewPrintJob[], now: number): Promise<PrintJobRecord[]> => {
  const jobs = inputs.map((input) => queuedJob(input, now));
  await db.printJobs.bulkAdd(jobs);
  return jobs;
};

/** A sale's first-print jobs still queued (never sent): printed when the sale is finished, or at the next start. */
export const queuedForSale = async (db: CountersignDb, saleId: string): Promise<PrintJobRecord[]> =>
  (await listForSale(db, saleId)).filter((j) => j.state === 'queued' && j.resolvedAt === null);

/**
 * The job is being sent, with the receipt markup it sends (kept for the on-screen preview of this
 * copy: a copy queued with the approval has its markup only now).
 */
export const markSending = (db: CountersignDb, id: string, now: number = Date.now(), markup: string | null = null): Promise<void> =>
  db.transaction('rw', db.printJobs, async () => {
    const n = await db.printJobs.where('id').equals(id).and((j) => j.state === 'queued').modify(markup === null ? { state: 'sending', updatedAt: now } : { state: 'sending', updatedAt: now, markup });
    if (n !== 1) throw new Error(`print job ${id} is not queued`);
  });

export const markResult = (db: CountersignDb, id: string, outcome: PrintOutcome, now: number = Date.now()): Promise<PrintJobRecord> =>
  db.transaction('rw', tables(db), async () => {
    const job = await db.printJobs.get(id);
    if (!job) throw new Error(`no print job ${id}`);
    const next: PrintJobRecord = { ...job, ...outcome, updatedAt: now };
    await db.printJobs.put(next);
    if (outcome.state !== 'sent') {
      await audit(db, next, outcome.state === 'confirmed' ? 'receipt.printed' : 'receipt.print-failed', outcome.state === 'confirmed' ? 'ok' : 'fail', {
        failure: outcome.failure,
        bytesSha256: outcome.bytesSha256,
        printer: outcome.printer,
      });
    }
    return next;
  });

/**
 * The cashier dealt with a failed or interrupted job (retried, reprinted, or dismissed). Only
 * `resolvedAt` moves: `updatedAt` stays the time of the job's own outcome, so the sale's
 * timeline keeps a failed attempt where it happened, before the reprint that replaced it.
 */
export const resolveJob = (db: CountersignDb, id: string, operatorId: string, how: 'retried' | 'reprinted' | 'dismissed', now: number = Date.now()): Promise<void> =>
  db.transaction('rw', tables(db), async () => {
    const job = await db.printJobs.get(id);
    if (!job || job.resolvedAt !== null) return;
    await db.printJobs.update(id, { resolvedAt: now });
    await appendAudit(db, { actor: operatorId, action: 'receipt.print-resolved', objectType: job.saleId ? 'sale' : 'print-job', objectId: job.saleId ?? job.id, result: 'ok', detail: { jobId: id, how } });
  });

export const listForSale = (db: CountersignDb, saleId: string): Promise<PrintJobRecord[]> =>
  db.printJobs.where('[saleId+createdAt]').between([saleId, Dexie.minKey], [saleId, Dexie.maxKey]).toArray();

/**
 * Jobs of charged sales that have not put their copy on paper and that nobody dealt with: queued
 * (written with the approval, not printed yet), being sent, or failed — newest first. This is the
 * "not printed" view (已扣款未出单): derived from the journal, where every charged sale has its
 * jobs from the moment it is charged. Reads the [state+createdAt] index per state.
 */
export const notPrintedJobs = async (db: CountersignDb, limit = 500): Promise<PrintJobRecord[]> => {
  const rows = await Promise.all(
    (['queued', 'sending', 'failed'] as const).map((state) =>
      db.printJobs
        .where('[state+createdAt]')
        .between([state, Dexie.minKey], [state, Dexie.maxKey])
        .reverse()
        .filter((j) => j.resolvedAt === null && j.saleId !== null)
        .limit(limit)
        .toArray(),
    ),
  );
  return rows.flat().sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
};

/**
 * Failed jobs nobody has dealt with, newest first ("approved but not printed" alerts). Reads the
 * [state+createdAt] index for 'failed' only; resolved failures are skipped as they are read.
 */
export const failedUnresolved = (db: CountersignDb, limit = 50): Promise<PrintJobRecord[]> =>
  db.printJobs
    .where('[state+createdAt]')
    .between(['failed', Dexie.minKey], ['failed', Dexie.maxKey])
    .reverse()
    .filter((j) => j.resolvedAt === null)
    .limit(limit)
    .toArray();

/**
 * Jobs a stop left before `startedAt` (this run's start; jobs younger than that are this run's).
 * `queued`: never sent, so the next start prints them. `sending`: the paper may or may not have
 * come out, so they are shown and never reprinted silently: the cashier decides.
 */
export const leftByStop = async (db: CountersignDb, states: ReadonlyArray<'queued' | 'sending'>, startedAt: number): Promise<PrintJobRecord[]> => {
  const rows = await Promise.all(
    states.map((state) =>
      db.printJobs
        .where('[state+createdAt]')
        .between([state, Dexie.minKey], [state, startedAt], true, false)
        .filter((j) => j.resolvedAt === null)
        .toArray(),
    ),
  );
  return rows.flat().sort((a, b) => a.createdAt - b.createdAt);
};

/**
 * The reprint number for the next print of a copy: 0 while no earlier job of that copy can have
 * put paper out, else one more than the highest so far. A job that failed before any byte was
 * sent (no bytesSha256) does not count; one that failed mid-job does (half a slip may exist).
 */
export const nextReprintNumber = async (db: CountersignDb, saleId: string, copy: Copy): Promise<number> => {
  const jobs = (await listForSale(db, saleId)).filter((j) => j.copy === copy);
  const printed = jobs.filter((j) => j.state === 'confirmed' || j.state === 'sent' || j.state === 'sending' || (j.state === 'failed' && j.bytesSha256 !== null));
  return printed.length === 0 ? 0 : Math.max(...printed.map((j) => j.reprint)) + 1;
};
