import type { CountersignDb } from '../data/db';
import { getOperatorRecord } from '../data/operators-repo';
import type { SaleRecord, SignatureRecord } from '../data/records';
import { getSale } from '../data/sales-repo';
import { signaturesFor } from '../data/signatures-repo';

export interface ReceiptContext {
  signatures: SignatureRecord[];
  /** The cashier who took the sale (printed as the operator). */
  operatorName: string;
  /** The sale a void or refund reverses (cited on its slip). */
  original: SaleRecord | null;
}

/** What a sale's slip is built from besides the sale itself: one reader for printing and for the on-screen rebuild. */
export const loadReceiptContext = async (db: CountersignDb, sale: SaleRecord, fallbackName: string): Promise<ReceiptContext> => {
  const [signatures, operator, original] = await Promise.all([
    signaturesFor(db, sale.id),
    getOperatorRecord(db, sale.operatorId),
    sale.originalSaleId ? getSale(db, sale.originalSaleId) : Promise.resolve(undefined),
  ]);
  return { signatures, operatorName: operator?.name ?? fallbackName, original: original ?? null };
};
