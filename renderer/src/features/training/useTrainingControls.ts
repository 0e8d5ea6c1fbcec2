import { useCallback, useState } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { readSimulatorSettlement, setSimulator, setSimulatorSettlement, setVirtualPrinterState } from '../../services/training-switches';
import type { SimulatedSettlementMode } from '../../services/training-switches';
import { useRoot } from '../session/RootContext';

/** Training switches: simulated host latency/outage and the virtual printer's state (services/training-switches.ts); main journals each. */
export const useTrainingControls = () => {
  const { api } = useRoot();
  const [error, setError] = useState<EnvelopeError | null>(null);
  const simulator = useCallback(async (change: { latencyMs?: number; outage?: boolean }): Promise<EnvelopeError | null> => {
    const problem = await setSimulator({ api }, change);
    setError(problem);
    return problem;
  }, [api]);
  const printer = useCallback(async (state: VirtualPrinterStateName): Promise<EnvelopeError | null> => {
    const problem = await setVirtualPrinterState({ api }, state);
    setError(problem);
    return problem;
  }, [api]);
  const settlement = useCallback((mode: SimulatedSettlementMode) => setSimulatorSettlement({ api }, mode), [api]);
  const readSettlement = useCallback(() => readSimulatorSettlement(api), [api]);
  return { simulator, printer, settlement, readSettlement, error };
};
