import type { SettlementSnapshot } from '../../services/settlement-jobs';
import { useServices, useServiceSnapshot } from '../session/ServicesContext';

/** What the settlement jobs last did (settled sales, forwarded advices), for notices. */
export const useSettlement = (): SettlementSnapshot => useServiceSnapshot(useServices().jobs);
