import { useCallback, useEffect, useState } from 'react';
import type { PrinterState } from '../../../../shared/ipc/commands/printer';
import { api } from '../../api/client';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

/** The printer's live state: read on mount, then kept current by `printer:status-changed`. */
export const usePrinterStatus = (): { state: PrinterState | null; refresh: () => void; checking: boolean } => {
  const { logger } = useRoot();
  const [state, setState] = useState<PrinterState | null>(null);
  const [checking, setChecking] = useState(false);
  const refresh = useCallback(() => {
    setChecking(true);
    fireAndLog(logger, 'printer.status-failed', api.invoke('printer:status', {}).then((envelope) => {
      setChecking(false);
      if (envelope.ok) setState(envelope.value);
      else logger.warn('printer.status-refused', { code: envelope.error.code, reason: envelope.error.reason ?? null });
    }));
  }, [logger]);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'printer.status-failed', api.invoke('printer:status', {}).then((envelope) => {
      if (live && envelope.ok) setState(envelope.value);
      else if (!envelope.ok) logger.warn('printer.status-refused', { code: envelope.error.code, reason: envelope.error.reason ?? null });
    }));
    const off = api.on('printer:status-changed', (next) => setState(next));
    return () => {
      live = false;
      off();
    };
  }, [logger]);
  return { state, refresh, checking };
};
