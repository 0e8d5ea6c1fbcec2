import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { failedUnresolved, interruptedOnStart, resolveJob } from '../../data/print-jobs-repo';
import type { PrintJobRecord } from '../../data/records';

/** When this run of the console started: jobs younger than this are in progress, not interrupted. */
const STARTED_AT = Date.now();

/**
 * Print jobs that need the cashier: failed ones ("approved but not printed / 已扣款未出单") and
 * ones interrupted by a stop (queued or sending). Live: the lists update as jobs are written.
 * `dismiss` records the decision; a retry or reprint goes through printReceipt and then
 * `resolve(job, 'reprinted')`.
 */
export const usePrintAlerts = (): {
  failed: PrintJobRecord[];
  interrupted: PrintJobRecord[];
  resolve: (job: PrintJobRecord, operatorId: string, how: 'retried' | 'reprinted' | 'dismissed') => Promise<void>;
} => {
  const failed = useLiveQuery(() => failedUnresolved(getDb()), [], []);
  const interrupted = useLiveQuery(() => interruptedOnStart(getDb(), STARTED_AT), [], []);
  return { failed, interrupted, resolve: (job, operatorId, how) => resolveJob(getDb(), job.id, operatorId, how) };
};
