import { useCallback, useEffect, useState } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { fireAndLog } from '../../services/logger';
import { setVirtualPrinterState } from '../../services/training-switches';
import { useRoot } from '../session/RootContext';

export interface VirtualReceiptView {
  id: string;
  at: string;
  text: string;
  pngDataUrl: string | null;
  byteCount: number;
  cut: boolean;
}

/**
 * The virtual printer's latest receipts and state (training), refreshed on `printer:virtual-printed`.
 * Changing its state is the training switch main journals, the same one the Training screen uses.
 */
export const useVirtualPrinter = (limit = 5) => {
  const { api, logger } = useRoot();
  const [data, setData] = useState<{ running: boolean; address: string | null; state: VirtualPrinterStateName | null; receipts: VirtualReceiptView[] }>({ running: false, address: null, state: null, receipts: [] });
  const [error, setError] = useState<EnvelopeError | null>(null);
  const reload = useCallback(() => {
    fireAndLog(
      logger,
      'printer.virtual-receipts-failed',
      api.invoke('printer:virtual-receipts', { limit }).then((envelope) => {
        if (envelope.ok) setData(envelope.value);
        setError(envelope.ok ? null : envelope.error);
      }),
    );
  }, [limit, api, logger]);
  useEffect(() => {
    reload();
    return api.on('printer:virtual-printed', () => reload());
  }, [reload, api]);
  const setState = (state: VirtualPrinterStateName): void => {
    fireAndLog(
      logger,
      'printer.virtual-state-failed',
      setVirtualPrinterState({ api }, state).then((problem) => {
        setError(problem);
        reload();
      }),
    );
  };
  return { ...data, error, reload, setState };
};
