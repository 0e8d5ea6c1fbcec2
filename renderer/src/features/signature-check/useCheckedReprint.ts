import { useState } from 'react';
import type { SaleCopy, SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { checkBeforeReprint } from '../../services/reprint-check';
import type { ReprintDecision } from '../../services/reprint-check';
import { useServices } from '../session/ServicesContext';

export interface CheckedReprint {
  /** Checks the sale's signatures, then reprints at once or asks first (services/reprint-check.ts). */
  reprint: (sale: SaleRecord, copy: SaleCopy) => void;
  checking: boolean;
  /** A reprint waiting for the cashier: the check failed (or could not run). */
  pending: { sale: SaleRecord; copy: SaleCopy; decision: Extract<ReprintDecision, { kind: 'ask' }> } | null;
  /** Prints the pending reprint, recorded as printed with that check. */
  confirm: () => void;
  cancel: () => void;
}

export const useCheckedReprint = (): CheckedReprint => {
  const { printing, verifySaleSignatures, logger } = useServices();
  const [checking, setChecking] = useState(false);
  const [pending, setPending] = useState<CheckedReprint['pending']>(null);
  const reprint = (sale: SaleRecord, copy: SaleCopy): void => {
    setChecking(true);
    fireAndLog(
      logger,
      'print.reprint-failed',
      checkBeforeReprint(verifySaleSignatures, sale.id)
        .then(async (decision) => {
          if (decision.kind === 'ask') return setPending({ sale, copy, decision });
          await printing.printCopy(sale, copy, null, true, decision.check);
        })
        .finally(() => setChecking(false)),
    );
  };
  const confirm = (): void => {
    if (!pending) return;
    setPending(null);
    fireAndLog(logger, 'print.reprint-failed', printing.printCopy(pending.sale, pending.copy, null, true, pending.decision.check));
  };
  return { reprint, checking, pending, confirm, cancel: () => setPending(null) };
};
