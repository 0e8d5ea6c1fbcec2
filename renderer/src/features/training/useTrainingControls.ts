import { useCallback, useState } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { api } from '../../api/client';

/** Training switches: simulated host latency/outage and the virtual printer's state; main journals each. */
export const useTrainingControls = () => {
  const [error, setError] = useState<EnvelopeError | null>(null);
  const simulator = useCallback(async (change: { latencyMs?: number; outage?: boolean }) => {
    const e = await api.invoke('acquirer:simulator', change);
    setError(e.ok ? null : e.error);
  }, []);
  const printer = useCallback(async (state: VirtualPrinterStateName) => {
    const e = await api.invoke('printer:virtual-state', { state });
    setError(e.ok ? null : e.error);
  }, []);
  return { simulator, printer, error };
};
