import { useCallback, useEffect, useState } from 'react';
import type { PrinterState } from '../../../../shared/ipc/commands/printer';
import { api } from '../../api/client';

/** The printer's live state: read on mount, then kept current by `printer:status-changed`. */
export const usePrinterStatus = (): { state: PrinterState | null; refresh: () => void; checking: boolean } => {
  const [state, setState] = useState<PrinterState | null>(null);
  const [checking, setChecking] = useState(false);
  const refresh = useCallback(() => {
    setChecking(true);
    void api.invoke('printer:status', {}).then((envelope) => {
      setChecking(false);
      if (envelope.ok) setState(envelope.value);
    });
  }, []);
  useEffect(() => {
    let live = true;
    void api.invoke('printer:status', {}).then((envelope) => {
      if (live && envelope.ok) setState(envelope.value);
    });
    const off = api.on('printer:status-changed', (next) => setState(next));
    return () => {
      live = false;
      off();
    };
  }, []);
  return { state, refresh, checking };
};
