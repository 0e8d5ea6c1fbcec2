import type { PrintResult } from '../../../shared/ipc/commands/printer';
import type { Envelope } from '../../../shared/ipc/envelope';
import type { CountersignDb } from '../data/db';
import { createJob, markResult, markSending, nextReprintNumber } from '../data/print-jobs-repo';
import type { Copy, PrintJobRecord, ReprintSignatureCheck } from '../data/records';

export interface PrintDeps {
  db: CountersignDb;
  /** `api.invoke('printer:print', …)` (injected so tests can drive it). */
  print: (request: { jobId: string; markup: string; copy: Copy }) => Promise<Envelope<PrintResult>>;
  now?: () => number;
}

export interface PrintRequest {
  saleId: string | null;
  copy: Copy;
  operatorId: string;
  /** Printer label for the journal row before main answers (e.g. from `printer:status`). */
  printer: string;
  /**
   * The receipt for a given reprint number (0 = first print) printed at `at`: the stamp and the
   * reprint time must match the journal row.
   */
  markup: (reprint: number, at: number) => string;
  /**
   * The cashier asked for this copy again (reprint button, alert): it is stamped REPRINT n with
   * n ≥ 1 even if the earlier attempt failed before any paper came out.
   */
  explicitReprint?: boolean;
  /** For a document that is not a sale (a report): the caller numbers its reprints. */
  reprint?: number;
  /** What 校验签名 said before this reprint (kept with the job and audited). */
  signatureCheck?: ReprintSignatureCheck | null;
}

export interface PrintOutcomeView {
  job: PrintJobRecord;
  /** Machine reason when the job failed (a printer failure code, or the envelope's error code). */
  failure: string | null;
  message: string | null;
}

/**
 * Prints one copy with the journal written ahead: the row is `queued` before anything else,
 * `sending` before the bytes leave, and holds the outcome after — so a crash at any point
 * leaves a row that says how far the job got (shown at the next start, never reprinted silently).
 */
export const printReceipt = async (deps: PrintDeps, request: PrintRequest): Promise<PrintOutcomeView> => {
  const now = deps.now ?? (() => Date.now());
  const next = request.saleId ? await nextReprintNumber(deps.db, request.saleId, request.copy) : 0;
  const reprint = request.reprint ?? (request.explicitReprint && request.saleId ? Math.max(next, 1) : next);
  // Built before the row is written: a receipt that cannot be built leaves no queued row behind.
  const at = now();
  const markup = request.markup(reprint, at);
  const job = await createJob(deps.db, { saleId: request.saleId, copy: request.copy, reprint, printer: request.printer, operatorId: request.operatorId, signatureCheck: request.signatureCheck ?? null }, at);
  return printQueuedJob(deps, job, markup, request.printer);
};

/**
 * Prints a job already in the journal as `queued` (a sale's first copies are queued with its
 * approval): `sending` before the bytes leave, the outcome after. The markup is kept with the job
 * as it is sent: the sale's screen previews each copy exactly as it was printed.
 */
export const printQueuedJob = async (deps: PrintDeps, job: PrintJobRecord, markup: string, printer: string): Promise<PrintOutcomeView> => {
  const now = deps.now ?? (() => Date.now());
  const request = { copy: job.copy, printer };
  await markSending(deps.db, job.id, now(), markup);
  let envelope: Envelope<PrintResult>;
  try {
    envelope = await deps.print({ jobId: job.id, markup, copy: request.copy });
  } catch (error) {
    envelope = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
  }
  if (!envelope.ok) {
    // The host did not answer with a result: the bytes may or may not have left; keep it visible.
    const failure = envelope.error.reason ?? envelope.error.code;
    const saved = await markResult(deps.db, job.id, { state: 'failed', failure, bytesSha256: null, byteCount: 0, printer: request.printer }, now());
    return { job: saved, failure, message: envelope.error.message };
  }
  const r = envelope.value;
  const saved = await markResult(
    deps.db,
    job.id,
    { state: r.state, failure: r.failure, bytesSha256: r.sent ? r.bytesSha256 : null, byteCount: r.byteCount, printer: r.printer },
    now(),
  );
  return { job: saved, failure: r.failure, message: r.message };
};
