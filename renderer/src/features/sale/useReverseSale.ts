import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { approveWithManagerPin } from '../login/operators';
import { linkedRecords, refundableFen, reverseSale } from './reverse-sale';
import type { ReverseOutcome } from './reverse-sale';

export const useReverseSale = (operatorId: string) =>
  useCallback(async (original: SaleRecord, kind: 'void' | 'refund', amountFen: number, managerPin: string): Promise<ReverseOutcome | { ok: false; reason: 'wrong-pin' }> => {
    const db = getDb();
    const manager = await approveWithManagerPin(db, managerPin, operatorId, kind);
    if (!manager) return { ok: false, reason: 'wrong-pin' };
    return reverseSale({ db, api, operatorId, approvedBy: manager.id }, original, kind, amountFen);
  }, [operatorId]);

export const useRefundable = (sale: SaleRecord | undefined): number | undefined =>
  useLiveQuery(async () => (sale ? refundableFen(getDb(), sale) : undefined), [sale?.id, sale?.version]);

export const useLinkedRecords = (saleId: string | null): SaleRecord[] | undefined => useLiveQuery(async () => (saleId ? linkedRecords(getDb(), saleId) : []), [saleId]);
