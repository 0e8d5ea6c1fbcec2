import { useEffect, useMemo, useState } from 'react';
import type { CardFailure, CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { DeviceInfo } from '../../../../shared/ipc/commands/devices';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import type { TestCardId } from '../../../../shared/ipc/commands/card-reader';
import { api } from '../../api/client';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { summarizeReaders } from './reader-summary';
import type { ReaderSummary } from './reader-summary';

/** The card readers in the host's device list, kept current by `devices:changed`. */
export const useCardReaders = (): DeviceInfo[] => {
  const { logger } = useRoot();
  const [devices, setDevices] = useState<DeviceInfo[]>([]);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'card-reader.command-failed', api.invoke('devices:list', {}).then((envelope) => {
      if (live && envelope.ok) setDevices(envelope.value.devices);
      else if (!envelope.ok) logger.warn('devices.list-refused', { code: envelope.error.code, reason: envelope.error.reason ?? null });
    }));
    const off = api.on('devices:changed', (payload) => setDevices(payload.devices));
    return () => {
      live = false;
      off();
    };
  }, [logger]);
  return useMemo(() => devices.filter((d) => d.kind === 'card-reader'), [devices]);
};

/** The readers as one summary (reader-summary.ts): Devices, the counter and the app bar all read this. */
export const useReaderSummary = (): ReaderSummary => {
  const readers = useCardReaders();
  return useMemo(() => summarizeReaders(readers), [readers]);
};

export type CardEvent = { ok: true; summary: CardSummary } | { ok: false; failure: CardFailure };

/** The latest swipe outcome overall and per reader, from `card-reader:swiped` / `card-reader:failed`. */
export const useCardEvents = (): { last: CardEvent | null; byReader: Record<string, CardEvent> } => {
  const [state, setState] = useState<{ last: CardEvent | null; byReader: Record<string, CardEvent> }>({ last: null, byReader: {} });
  useEffect(() => {
    const record = (event: CardEvent, readerId: string): void => setState((s) => ({ last: event, byReader: { ...s.byReader, [readerId]: event } }));
    const offSwiped = api.on('card-reader:swiped', (summary) => record({ ok: true, summary }, summary.readerId));
    const offFailed = api.on('card-reader:failed', (failure) => record({ ok: false, failure }, failure.readerId));
    return () => {
      offSwiped();
      offFailed();
    };
  }, []);
  return state;
};

/** Swipes a virtual test card. Card failures arrive as events; other errors (reader off) come back here. */
export const useTestSwipe = (): { run: (id: TestCardId) => void; busy: boolean; error: EnvelopeError | null } => {
  const { logger } = useRoot();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EnvelopeError | null>(null);
  const run = (testCard: TestCardId): void => {
    setBusy(true);
    setError(null);
    fireAndLog(logger, 'card-reader.command-failed', api.invoke('card-reader:test-swipe', { testCard }).then((envelope) => {
      setBusy(false);
      if (!envelope.ok && envelope.error.code !== 'CARD') setError(envelope.error);
    }));
  };
  return { run, busy, error };
};
