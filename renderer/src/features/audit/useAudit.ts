import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { DeviceIdentity, SignedCheckpoint } from '../../../../shared/ipc/commands/audit';
import { latestCheckpoint } from '../../data/audit-checkpoints-repo';
import { auditPage, auditTreeHead } from '../../data/audit-repo';
import type { AuditPage } from '../../data/audit-repo';
import { verifyLog } from '../../data/audit-verify';
import type { LogVerdict } from '../../data/audit-verify';
import type { CheckpointRecord } from '../../data/records';
import { checkpointNow } from '../../services/audit-checkpoints';
import type { CheckpointOutcome } from '../../services/audit-checkpoints';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { auditGroupOf } from './action-names';
import type { AuditGroup } from './action-names';

export const AUDIT_PAGE_SIZE = 50;

/** The audit screen's filters as chosen; times are Unix ms already read in the shop zone. */
export interface AuditFilter {
  group: AuditGroup | null;
  actor: string | null;
  result: 'ok' | 'fail' | null;
  from: number | null;
  to: number | null;
}

export const NO_FILTER: AuditFilter = { group: null, actor: null, result: null, from: null, to: null };

/** One live page of the log below `before` (null: the newest), through the audit repository. */
export const useAuditPage = (filter: AuditFilter, before: number | null): AuditPage | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => {
    const group = filter.group;
    return auditPage(db, { actor: filter.actor, result: filter.result, from: filter.from, to: filter.to, action: group ? (a) => auditGroupOf(a) === group : null }, before, AUDIT_PAGE_SIZE);
  }, [db, filter.group, filter.actor, filter.result, filter.from, filter.to, before]);
};

/** The newest stored checkpoint and the log's size, live. */
export const useCheckpointState = (): { latest: CheckpointRecord | null; entries: number } | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => {
    const [latest, head] = await Promise.all([latestCheckpoint(db), auditTreeHead(db)]);
    return { latest: latest ?? null, entries: head.seq };
  }, [db]);
};

/** The device key and main's last signed checkpoint (outside IndexedDB). */
export const useMainCheckpoint = (): { device: DeviceIdentity | null; last: SignedCheckpoint | null; reload: () => void } => {
  const { api, logger } = useRoot();
  const [value, setValue] = useState<{ device: DeviceIdentity | null; last: SignedCheckpoint | null }>({ device: null, last: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'audit.checkpoint-status-failed', api.invoke('audit:checkpoint-status', {}).then((e) => {
      if (live && e.ok) setValue({ device: e.value.device, last: e.value.last });
    }));
    return () => {
      live = false;
    };
  }, [tick, api, logger]);
  return { ...value, reload: useCallback(() => setTick((n) => n + 1), []) };
};

/** Full verification: entries, chain, tree, and every signature against the device key and main's copy. */
export const useLogCheck = () => {
  const { db, api } = useRoot();
  const [verdict, setVerdict] = useState<LogVerdict | null>(null);
  const [progress, setProgress] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const run = useCallback(async () => {
    setBusy(true);
    setFailed(null);
    try {
      const status = await api.invoke('audit:checkpoint-status', {});
      if (!status.ok) throw new Error(status.error.message);
      setVerdict(await verifyLog(db, { device: status.value.device, mainLast: status.value.last, onProgress: setProgress }));
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }, [db, api]);
  return { verdict, progress, busy, failed, run };
};

/** "Sign a checkpoint now". */
export const useCheckpointNow = (after: () => void) => {
  const { db, api } = useRoot();
  const [outcome, setOutcome] = useState<CheckpointOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setOutcome(await checkpointNow(db, api));
      after();
    } catch (error) {
      setOutcome({ kind: 'refused', code: 'INTERNAL', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }, [after, db, api]);
  return { outcome, busy, run };
};
