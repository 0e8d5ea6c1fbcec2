import { useCallback, useEffect, useState } from 'react';
import type { CommandName, RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { api } from '../../api/client';
import { useRoot } from './RootContext';
import { fireAndLog } from '../../services/logger';

export interface CommandState<T> {
  value: T | null;
  error: EnvelopeError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a read-only command on mount (and on `reload`), keeping its envelope's outcome. */
export const useCommand = <K extends CommandName>(command: K, request: RequestOf<K>): CommandState<ResponseOf<K>> => {
  const { logger } = useRoot();
  const [state, setState] = useState<{ value: ResponseOf<K> | null; error: EnvelopeError | null; loading: boolean }>({ value: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(request);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'command.failed', api.invoke(command, JSON.parse(key) as RequestOf<K>).then((envelope) => {
      if (!live) return;
      setState(envelope.ok ? { value: envelope.value, error: null, loading: false } : { value: null, error: envelope.error, loading: false });
    }));
    return () => {
      live = false;
    };
  }, [command, key, tick, logger]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
};
