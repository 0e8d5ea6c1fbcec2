import Dexie from 'dexie';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit } from '../features/audit/audit-log';
import type { CountersignDb } from './db';
import type { Copy, PrintJobRecord } from './records';

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

export const createJob = (db: CountersignDb, input: NewPrintJob, now: number = Date.now()): Promise<PrintJobRecord> =>
  db.transaction('rw', tables(db), async () => {
    const job: PrintJobRecord = { ...input, markup: input.markup ?? null, id: uuidv7(now), createdAt: now, updatedAt: now, state: 'queued', failure: null, bytesSha256: null, byteCount: 0, resolvedAt: null };
    await db.printJobs.add(job);
    if (job.reprint > 0) await audit(db, job, 'receipt.reprint', 'ok', { printer: job.printer });
    return job;
  });

export const markSending = (db: CountersignDb, id: string, now: number = Date.now()): Promise<void> =>
  db.transaction('rw', db.printJobs, async () => {
    const n = await db.printJobs.where('id').equals(id).and((j) => j.state === 'queued').modify({ state: 'sending', updatedAt: now });
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

/** The cashier dealt with a failed or interrupted job (retried, reprinted, or dismissed). */
export const resolveJob = (db: CountersignDb, id: string, operatorId: string, how: 'retried' | 'reprinted' | 'dismissed', now: number = Date.now()): Promise<void> =>
  db.transaction('rw', tables(db), async () => {
    const job = await db.printJobs.get(id);
    if (!job || job.resolvedAt !== null) return;
    await db.printJobs.update(id, { resolvedAt: now, updatedAt: now });
    await appendAudit(db, { actor: operatorId, action: 'receipt.print-resolved', objectType: job.saleId ? 'sale' : 'print-job', objectId: job.saleId ?? job.id, result: 'ok', detail: { jobId: id, how } });
  });

export const listForSale = (db: CountersignDb, saleId: string): Promise<PrintJobRecord[]> =>
  db.printJobs.where('[saleId+createdAt]').between([saleId, Dexie.minKey], [saleId, Dexie.maxKey]).toArray();

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
 * Jobs that were queued or being sent when the console stopped. Shown at start-up and never
 * reprinted silently: the paper may or may not have come out, so the cashier decides.
 * `startedAt` (this run's start) leaves out jobs this run is printing right now.
 */
export const interruptedOnStart = async (db: CountersignDb, startedAt: number = Number.MAX_SAFE_INTEGER): Promise<PrintJobRecord[]> => {
  const rows = await Promise.all(
    (['queued', 'sending'] as const).map((state) =>
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
