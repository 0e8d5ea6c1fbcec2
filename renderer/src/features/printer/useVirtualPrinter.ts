import { useCallback, useEffect, useState } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import { api } from '../../api/client';

export interface VirtualReceiptView {
  id: string;
  at: string;
  text: string;
  pngDataUrl: string | null;
  byteCount: number;
  cut: boolean;
}

/** The virtual printer's latest receipts and state (training), refreshed on `printer:virtual-printed`. */
export const useVirtualPrinter = (limit = 5) => {
  const [data, setData] = useState<{ running: boolean; address: string | null; state: VirtualPrinterStateName | null; receipts: VirtualReceiptView[] }>({ running: false, address: null, state: null, receipts: [] });
  const reload = useCallback(() => {
    void api.invoke('printer:virtual-receipts', { limit }).then((envelope) => {
      if (envelope.ok) setData(envelope.value);
    });
  }, [limit]);
  useEffect(() => {
    reload();
    return api.on('printer:virtual-printed', () => reload());
  }, [reload]);
  const setState = (state: VirtualPrinterStateName): void => {
    void api.invoke('printer:virtual-state', { state }).then(() => reload());
  };
  return { ...data, reload, setState };
};
