import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { DeviceIdentity, SignedCheckpoint } from '../../../../shared/ipc/commands/audit';
import { api } from '../../api/client';
import { latestCheckpoint } from '../../data/audit-checkpoints-repo';
import { auditTreeHead } from '../../data/audit-repo';
import { verifyLog } from '../../data/audit-verify';
import type { LogVerdict } from '../../data/audit-verify';
import { getDb } from '../../data/db';
import type { AuditEntry, CheckpointRecord } from '../../data/records';
import { checkpointNow } from '../../services/audit-checkpoints';
import type { CheckpointOutcome } from '../../services/audit-checkpoints';
import { recentAudit } from './audit-log';

export const useAuditTail = (limit: number): AuditEntry[] | undefined => useLiveQuery(() => recentAudit(getDb(), limit), [limit]);

/** The newest stored checkpoint and the log's size, live. */
export const useCheckpointState = (): { latest: CheckpointRecord | null; entries: number } | undefined =>
  useLiveQuery(async () => {
    const [latest, head] = await Promise.all([latestCheckpoint(getDb()), auditTreeHead(getDb())]);
    return { latest: latest ?? null, entries: head.seq };
  }, []);

/** The device key and main's last signed checkpoint (outside IndexedDB). */
export const useMainCheckpoint = (): { device: DeviceIdentity | null; last: SignedCheckpoint | null; reload: () => void } => {
  const [value, setValue] = useState<{ device: DeviceIdentity | null; last: SignedCheckpoint | null }>({ device: null, last: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void api.invoke('audit:checkpoint-status', {}).then((e) => {
      if (live && e.ok) setValue({ device: e.value.device, last: e.value.last });
    });
    return () => {
      live = false;
    };
  }, [tick]);
  return { ...value, reload: useCallback(() => setTick((n) => n + 1), []) };
};

/** Full verification: entries, chain, tree, and every signature against the device key and main's copy. */
export const useLogCheck = () => {
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
      setVerdict(await verifyLog(getDb(), { device: status.value.device, mainLast: status.value.last, onProgress: setProgress }));
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }, []);
  return { verdict, progress, busy, failed, run };
};

/** "Sign a checkpoint now". */
export const useCheckpointNow = (after: () => void) => {
  const [outcome, setOutcome] = useState<CheckpointOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setOutcome(await checkpointNow(getDb(), api));
      after();
    } catch (error) {
      setOutcome({ kind: 'refused', code: 'INTERNAL', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }, [after]);
  return { outcome, busy, run };
};
