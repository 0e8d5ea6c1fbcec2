import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import type { SessionActions } from '../../app/SessionContext';
import type { ActionFailure } from '../../services/operator-session';
import { linkedRecords, refundableFen, reverseSale } from './reverse-sale';
import type { ReverseOutcome } from './reverse-sale';

/** A void or refund: the named manager approves it in main first (a one-time grant), then it is sent. */
export const useReverseSale = (operatorId: string, approve: SessionActions['approveAsManager']) =>
  useCallback(
    async (original: SaleRecord, kind: 'void' | 'refund', amountFen: number, managerId: string, managerPin: string): Promise<ReverseOutcome | ({ ok: false } & ActionFailure)> => {
      const approval = await approve(managerId, managerPin, kind, original.id);
      if (!approval.ok) return approval;
      return reverseSale({ db: getDb(), api, operatorId, approvedBy: approval.manager.id, grantId: approval.grantId }, original, kind, amountFen);
    },
    [operatorId, approve],
  );

export const useRefundable = (sale: SaleRecord | undefined): number | undefined =>
  useLiveQuery(async () => (sale ? refundableFen(getDb(), sale) : undefined), [sale?.id, sale?.version]);

export const useLinkedRecords = (saleId: string | null): SaleRecord[] | undefined => useLiveQuery(async () => (saleId ? linkedRecords(getDb(), saleId) : []), [saleId]);
