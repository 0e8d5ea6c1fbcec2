import type { Fen } from '../money';

export interface SignatureRule {
  rule: 'always' | 'above' | 'never';
  aboveAmountFen: Fen;
  forced: boolean;
}

/** Whether an approved sale of this amount asks the customer to sign. */
export const signatureRequired = (rule: SignatureRule, amountFen: Fen): boolean => {
  if (rule.rule === 'never') return false;
  if (rule.rule === 'above') return amountFen > rule.aboveAmountFen;
  return true;
};

/**
 * How a sale may be finished without a signature: freely (it becomes `unsigned` and joins the
 * follow-up list), or, with forced signature on, only with a manager's exemption and a reason.
 */
export const unsignedFinish = (rule: SignatureRule): 'allowed' | 'manager-exemption' => (rule.forced ? 'manager-exemption' : 'allowed');
