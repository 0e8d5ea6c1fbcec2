import type { VirtualPrinterStateName } from '../../../shared/ipc/commands/printer';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../shared/ipc/envelope';

/**
 * The training switches (simulated host latency and outage, the virtual printer's state), in one
 * place whichever screen flips it (Training or Devices), and how the simulated host settles. Main journals each as it applies it (or
 * refuses it); the journal reaches the audit log through the journal intake.
 */
export interface TrainingSwitchDeps {
  api: CountersignApi;
}

export const setSimulator = async (deps: TrainingSwitchDeps, change: { latencyMs?: number; outage?: boolean }): Promise<EnvelopeError | null> => {
  const e = await deps.api.invoke('acquirer:simulator', change);
  return e.ok ? null : e.error;
};

export const setVirtualPrinterState = async (deps: TrainingSwitchDeps, state: VirtualPrinterStateName): Promise<EnvelopeError | null> => {
  const e = await deps.api.invoke('printer:virtual-state', { state });
  return e.ok ? null : e.error;
};

export type SimulatedSettlementMode = 'auto' | 'balanced' | 'unbalanced';

/** How the simulated host answers the next settlement: compare totals, or report them unbalanced (practise the batch upload). */
export const setSimulatorSettlement = async (deps: TrainingSwitchDeps, mode: SimulatedSettlementMode): Promise<SimulatedSettlementMode | null> => {
  const e = await deps.api.invoke('acquirer:simulator-settlement', { mode });
  return e.ok ? e.value.mode : null;
};

export const readSimulatorSettlement = async (api: CountersignApi): Promise<SimulatedSettlementMode | null> => {
  const e = await api.invoke('acquirer:simulator-settlement', {});
  return e.ok ? e.value.mode : null;
};
