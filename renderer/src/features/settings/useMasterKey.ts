import { useCallback, useEffect, useState } from 'react';
import type { MasterKeyStatus } from '../../../../shared/ipc/commands/acquirer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { api } from '../../api/client';
import { useSessionActions } from '../session/SessionContext';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

export type MasterKeyOutcome = { kind: 'loaded'; kcv: string } | { kind: 'cleared' } | { kind: 'failed'; error: EnvelopeError } | null;

const NOT_MANAGER: MasterKeyOutcome = { kind: 'failed', error: { code: 'FORBIDDEN_SENDER', message: 'manager role needed', reason: 'managerOnly' } };

export interface MasterKeyControls {
  /** Null until main has answered. */
  status: MasterKeyStatus | null;
  busy: boolean;
  outcome: MasterKeyOutcome;
  /** Resolves true when main loaded the key. */
  load: (keyHex: string, kcv: string) => Promise<boolean>;
  clear: () => Promise<void>;
}

/**
 * The terminal master key as main reports it (source, KCV, load time; never the key), and the
 * manager's load and remove actions. Main journals each attempt as it applies it (with the KCV
 * it computed and, when refused, the reason; never the key).
 */
export const useMasterKey = (): MasterKeyControls => {
  const { logger } = useRoot();
  const { operator } = useSessionActions();
  const [status, setStatus] = useState<MasterKeyStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MasterKeyOutcome>(null);
  const isManager = operator?.role === 'manager';

  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'master-key.status-failed', api.invoke('acquirer:master-key', {}).then((e) => {
      if (live && e.ok) setStatus(e.value);
      else if (live && !e.ok) setOutcome({ kind: 'failed', error: e.error });
    }));
    return () => {
      live = false;
    };
  }, [logger]);

  const load = useCallback(
    async (keyHex: string, kcv: string) => {
      if (!isManager) {
        setOutcome(NOT_MANAGER);
        return false;
      }
      setBusy(true);
      const e = await api.invoke('acquirer:load-master-key', { keyHex, ...(kcv.trim() ? { kcv } : {}) });
      if (e.ok) setStatus(e.value);
      setOutcome(e.ok ? { kind: 'loaded', kcv: e.value.kcv } : { kind: 'failed', error: e.error });
      setBusy(false);
      return e.ok;
    },
    [isManager],
  );

  const clear = useCallback(async () => {
    if (!isManager) {
      setOutcome(NOT_MANAGER);
      return;
    }
    setBusy(true);
    const e = await api.invoke('acquirer:clear-master-key', {});
    if (e.ok) setStatus(e.value);
    setOutcome(e.ok ? { kind: 'cleared' } : { kind: 'failed', error: e.error });
    setBusy(false);
  }, [isManager]);

  return { status, busy, outcome, load, clear };
};
