import type { VirtualPrinterStateName } from '../../../shared/ipc/commands/printer';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import { appendAudit } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';

/**
 * The training switches (simulated host latency and outage, the virtual printer's state), each
 * sent to main and audited in one place, whichever screen flips it (Training or Devices).
 */
export interface TrainingSwitchDeps {
  api: CountersignApi;
  db: CountersignDb;
  actor: string;
}

export const setSimulator = async (deps: TrainingSwitchDeps, change: { latencyMs?: number; outage?: boolean }): Promise<EnvelopeError | null> => {
  const e = await deps.api.invoke('acquirer:simulator', change);
  await appendAudit(deps.db, { actor: deps.actor, action: 'training.simulator', objectType: 'settings', objectId: 'acquirer', result: e.ok ? 'ok' : 'fail', detail: change });
  return e.ok ? null : e.error;
};

export const setVirtualPrinterState = async (deps: TrainingSwitchDeps, state: VirtualPrinterStateName): Promise<EnvelopeError | null> => {
  const e = await deps.api.invoke('printer:virtual-state', { state });
  await appendAudit(deps.db, { actor: deps.actor, action: 'training.printer', objectType: 'settings', objectId: 'printer', result: e.ok ? 'ok' : 'fail', detail: { state } });
  return e.ok ? null : e.error;
};

export type SimulatedSettlementMode = 'auto' | 'balanced' | 'unbalanced';

/** How the simulated host answers the next settlement: compare totals, or report them unbalanced (practise the batch upload). */
export const setSimulatorSettlement = async (deps: TrainingSwitchDeps, mode: SimulatedSettlementMode): Promise<SimulatedSettlementMode | null> => {
  const e = await deps.api.invoke('acquirer:simulator-settlement', { mode });
  await appendAudit(deps.db, { actor: deps.actor, action: 'training.settlement', objectType: 'settings', objectId: 'acquirer', result: e.ok ? 'ok' : 'fail', detail: { mode } });
  return e.ok ? e.value.mode : null;
};

export const readSimulatorSettlement = async (api: CountersignApi): Promise<SimulatedSettlementMode | null> => {
  const e = await api.invoke('acquirer:simulator-settlement', {});
  return e.ok ? e.value.mode : null;
};
