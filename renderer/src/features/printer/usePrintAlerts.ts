import { useLiveQuery } from 'dexie-react-hooks';
import { failedUnresolved, leftByStop, resolveJob } from '../../data/print-jobs-repo';
import type { PrintJobRecord } from '../../data/records';
import { useRoot } from '../session/RootContext';

/**
 * Print jobs that need the cashier: failed ones ("approved but not printed / 已扣款未出单") and
 * ones a stop cut off while being sent (the paper may or may not have come out). Jobs a stop
 * left queued are printed by the services at sign-in. Live: the lists update as jobs are written.
 */
export const usePrintAlerts = (): {
  failed: PrintJobRecord[];
  interrupted: PrintJobRecord[];
  resolve: (job: PrintJobRecord, operatorId: string, how: 'retried' | 'reprinted' | 'dismissed') => Promise<void>;
} => {
  const { db, runStartedAt } = useRoot();
  const failed = useLiveQuery(() => failedUnresolved(db), [db], []);
  const interrupted = useLiveQuery(() => leftByStop(db, ['sending'], runStartedAt), [db, runStartedAt], []);
  return { failed, interrupted, resolve: (job, operatorId, how) => resolveJob(db, job.id, operatorId, how) };
};
