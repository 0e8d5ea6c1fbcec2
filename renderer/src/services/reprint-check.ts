import type { ReprintSignatureCheck } from '../data/records';
import { SignatureVerifyError } from './evidence/signature-verify';
import type { SaleSignatureVerification } from './evidence/signature-verify';

/**
 * 校验签名 runs before every reprint from the sale's screen (issue 14). A sale whose signatures
 * verify (or that has none to verify) prints at once; a failing check is shown first, and the
 * cashier may still print: the reprint's job and its audit entry then say it was printed with a
 * failing check (`signatureCheck: failed` and the problem codes), or that the check could not run.
 */
export type ReprintDecision =
  | { kind: 'print'; check: ReprintSignatureCheck | null }
  | { kind: 'ask'; check: ReprintSignatureCheck; verification: SaleSignatureVerification | null; error: SignatureVerifyError | null };

export const checkBeforeReprint = async (verify: (saleId: string) => Promise<SaleSignatureVerification>, saleId: string): Promise<ReprintDecision> => {
  let verification: SaleSignatureVerification;
  try {
    verification = await verify(saleId);
  } catch (error) {
    if (error instanceof SignatureVerifyError) return { kind: 'ask', check: { result: 'not-run', problems: [] }, verification: null, error };
    throw error;
  }
  if (verification.signatures.length === 0) return { kind: 'print', check: null };
  if (verification.ok) return { kind: 'print', check: { result: 'ok', problems: [] } };
  const problems = [...new Set(verification.signatures.flatMap((s) => s.check.problems.map((p) => p.code)))];
  return { kind: 'ask', check: { result: 'failed', problems }, verification, error: null };
};
