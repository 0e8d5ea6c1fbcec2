import { useCallback } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { readSimulatorSettlement, setSimulator, setSimulatorSettlement, setVirtualPrinterState } from '../../services/training-switches';
import type { SimulatedSettlementMode } from '../../services/training-switches';
import { useRoot } from '../session/RootContext';
import { useSessionActions } from '../session/SessionContext';

/** Training switches: simulated host latency/outage and the virtual printer's state; audited (services/training-switches.ts). */
export const useTrainingControls = () => {
  const { operator } = useSessionActions();
  const { db, api } = useRoot();
  const actor = operator?.id ?? '';
  const simulator = useCallback((change: { latencyMs?: number; outage?: boolean }): Promise<EnvelopeError | null> => setSimulator({ api, db, actor }, change), [api, db, actor]);
  const printer = useCallback((state: VirtualPrinterStateName): Promise<EnvelopeError | null> => setVirtualPrinterState({ api, db, actor }, state), [api, db, actor]);
  const settlement = useCallback((mode: SimulatedSettlementMode) => setSimulatorSettlement({ api, db, actor }, mode), [api, db, actor]);
  const readSettlement = useCallback(() => readSimulatorSettlement(api), [api]);
  return { simulator, printer, settlement, readSettlement };
};
