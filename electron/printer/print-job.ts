import { PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterFailure, PrinterStatus, PrinterTransport } from '../../shared/ports/printer-transport';
import { canPrint, GS_R_PAPER, isPaperSensorReply, STATUS_MESSAGES } from './dle-eot-status';

export interface JobOutcome {
  state: 'confirmed' | 'failed';
  failure: PrinterFailure | null;
  /** English explanation for logs; the screen translates `failure`. */
  message: string | null;
  /** Status before and after the job (null when it could not be read). */
  before: PrinterStatus | null;
  after: PrinterStatus | null;
  /** True when the printer answered the end-of-job query, i.e. it processed every byte. */
  processed: boolean;
  durationMs: number;
}

export interface JobOptions {
  /** How long to wait for the end-of-job answer (printing a long receipt takes a few seconds). */
  processedTimeoutMs?: number;
  now?: () => number;
}

const failureForStatus = (status: PrinterStatus): PrinterFailure => {
  switch (status.code) {
    case 'ready':
    case 'paper-near-end':
    case 'offline':
      return 'offline';
    default:
      return status.code;
  }
};

/**
 * One job on one transport: status before (refuse to send to a printer that cannot print),
 * the bytes, `GS r 1` to learn that the printer processed them, status after (paper ran out or
 * the cover opened mid-job). "confirmed" needs a healthy status after the job; a printer that
 * does not implement `GS r` is confirmed by that status alone.
 */
export const runPrintJob = async (transport: PrinterTransport, bytes: Uint8Array, opts: JobOptions = {}): Promise<JobOutcome> => {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  let before: PrinterStatus | null = null;
  let after: PrinterStatus | null = null;
  let processed = false;
  const done = (failure: PrinterFailure | null, message: string | null): JobOutcome => ({
    state: failure ? 'failed' : 'confirmed',
    failure,
    message,
    before,
    after,
    processed,
    durationMs: now() - started,
  });
  try {
    await transport.open();
    before = await transport.status();
    if (!canPrint(before)) return done(failureForStatus(before), `before the job: ${STATUS_MESSAGES[before.code]}`);
    await transport.write(bytes);
    const reply = await transport.query(GS_R_PAPER, 1, opts.processedTimeoutMs ?? 8_000).catch((error: unknown) => {
      if (error instanceof PrinterTransportError) throw error;
      return null;
    });
    processed = reply !== null && isPaperSensorReply(reply[0] ?? 0xff);
    if (!transport.isOpen) return done('connection-lost', 'the printer closed the connection during the job');
    // A printer still busy with a long receipt may answer GS r after we stopped waiting; that
    // late byte (bits 4 and 7 off) must not be read as a status reply.
    after = await transport.status(processed ? undefined : isPaperSensorReply);
    if (after.code === 'no-reply' && !transport.isOpen) return done('connection-lost', 'the printer closed the connection during the job');
    if (!canPrint(after)) return done(failureForStatus(after), `after the job: ${STATUS_MESSAGES[after.code]}`);
    return done(null, null);
  } catch (error) {
    if (error instanceof PrinterTransportError) return done(error.reason, error.message);
    return done('io-error', error instanceof Error ? error.message : String(error));
  } finally {
    await transport.close();
  }
};

/** Opens, reads `DLE EOT` 1-4, closes. Connection problems come back as `offline` / `no-reply` statuses. */
export const checkStatus = async (transport: PrinterTransport): Promise<{ status: PrinterStatus | null; failure: PrinterFailure | null; message: string | null }> => {
  try {
    await transport.open();
    const status = await transport.status();
    return { status, failure: null, message: null };
  } catch (error) {
    if (error instanceof PrinterTransportError) return { status: null, failure: error.reason, message: error.message };
    return { status: null, failure: 'io-error', message: error instanceof Error ? error.message : String(error) };
  } finally {
    await transport.close();
  }
};
