import { useCallback } from 'react';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import { appendAudit } from '../audit/audit-log';
import { useSessionActions } from '../../app/SessionContext';

/** Training switches: simulated host latency/outage and the virtual printer's state; audited. */
export const useTrainingControls = () => {
  const { operator } = useSessionActions();
  const actor = operator?.id ?? '';
  const simulator = useCallback(
    async (change: { latencyMs?: number; outage?: boolean }) => {
      const e = await api.invoke('acquirer:simulator', change);
      await appendAudit(getDb(), { actor, action: 'training.simulator', objectType: 'settings', objectId: 'acquirer', result: e.ok ? 'ok' : 'fail', detail: change });
    },
    [actor],
  );
  const printer = useCallback(
    async (state: VirtualPrinterStateName) => {
      const e = await api.invoke('printer:virtual-state', { state });
      await appendAudit(getDb(), { actor, action: 'training.printer', objectType: 'settings', objectId: 'printer', result: e.ok ? 'ok' : 'fail', detail: { state } });
    },
    [actor],
  );
  /** How the simulated host answers the next settlement: compare totals, or report them unbalanced (practise the batch upload). */
  const settlement = useCallback(
    async (mode: 'auto' | 'unbalanced') => {
      const e = await api.invoke('acquirer:simulator-settlement', { mode });
      await appendAudit(getDb(), { actor, action: 'training.settlement', objectType: 'settings', objectId: 'acquirer', result: e.ok ? 'ok' : 'fail', detail: { mode } });
      return e.ok ? e.value.mode : null;
    },
    [actor],
  );
  const readSettlement = useCallback(async () => {
    const e = await api.invoke('acquirer:simulator-settlement', {});
    return e.ok ? e.value.mode : null;
  }, []);
  return { simulator, printer, settlement, readSettlement };
};
