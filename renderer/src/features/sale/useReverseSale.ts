import { useLiveQuery } from 'dexie-react-hooks';
import type { SaleRecord } from '../../data/records';
import { linkedTo } from '../../data/sales-repo';
import { refundableFen } from '../../services/reverse-send';
import type { ReverseOutcome } from '../../services/reverse-send';
import { useRoot } from '../session/RootContext';
import { useServices } from '../session/ServicesContext';

/** A void or refund: the named manager approves it in main first (a one-time grant), then it is sent (services/reverse-send.ts). */
export const useReverseSale = (): ((original: SaleRecord, kind: 'void' | 'refund', amountFen: number, managerId: string, managerPin: string) => Promise<ReverseOutcome>) => useServices().reverse;

export const useRefundable = (sale: SaleRecord | undefined): number | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (sale ? refundableFen(db, sale) : undefined), [db, sale?.id, sale?.version]);
};

export const useLinkedRecords = (saleId: string | null): SaleRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (saleId ? linkedTo(db, saleId) : []), [db, saleId]);
};
