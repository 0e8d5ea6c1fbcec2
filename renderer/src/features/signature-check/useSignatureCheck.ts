import { useCallback, useState } from 'react';
import { SignatureVerifyError } from '../../services/evidence/signature-verify';
import type { SaleSignatureVerification } from '../../services/evidence/signature-verify';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';

export type SignatureCheckState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; verification: SaleSignatureVerification }
  | { kind: 'failed'; reason: 'no-device-key' | 'no-sale' | 'other'; detail: string };

export interface SignatureCheck {
  state: SignatureCheckState;
  /** The signature the cashier asked about (its record's Verify button); null for all of them. */
  focus: string | null;
  run: (focus?: string | null) => void;
}

/** Runs 校验签名 for one sale (services/evidence/signature-verify.ts) and holds its last result for the drawer. */
export const useSignatureCheck = (saleId: string | null): SignatureCheck => {
  const { verifySaleSignatures, logger } = useServices();
  const [state, setState] = useState<SignatureCheckState>({ kind: 'idle' });
  const [focus, setFocus] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(saleId);
  if (shownFor !== saleId) {
    // Another sale opened in the same drawer: the last result was not about it.
    setShownFor(saleId);
    setState({ kind: 'idle' });
    setFocus(null);
  }
  const run = useCallback(
    (next: string | null = null) => {
      if (!saleId) return;
      setFocus(next);
      setState({ kind: 'running' });
      fireAndLog(
        logger,
        'signature-check.failed',
        verifySaleSignatures(saleId).then(
          (verification) => setState({ kind: 'done', verification }),
          (error: unknown) => {
            setState(error instanceof SignatureVerifyError ? { kind: 'failed', reason: error.reason, detail: error.message } : { kind: 'failed', reason: 'other', detail: error instanceof Error ? error.message : String(error) });
            // Shown on screen; an unexpected failure (storage) is logged as well.
            if (!(error instanceof SignatureVerifyError)) throw error;
          },
        ),
      );
    },
    [saleId, verifySaleSignatures, logger],
  );
  return { state, focus, run };
};
