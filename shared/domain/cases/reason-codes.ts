/**
 * Chargeback (拒付) reason codes by scheme, grouped into the categories the checklist knows. Visa's are
 * the Visa Claims Resolution codes, Mastercard's the message reason codes; UnionPay does not publish its
 * full list, so its codes here are the ones acquirers cite on their notices. A notice with a code not in
 * the list is still accepted: the operator picks the category.
 */
export const CARD_SCHEMES = ['unionpay', 'visa', 'mastercard'] as const;
export type CardScheme = (typeof CARD_SCHEMES)[number];

export const REASON_CATEGORIES = [
  'duplicate',
  'paid-by-other-means',
  'incorrect-amount',
  'credit-not-processed',
  'not-recognised',
  'no-authorisation',
  'fraud-no-signature',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export interface ReasonCode {
  scheme: CardScheme;
  code: string;
  category: ReasonCategory;
}

const rc = (scheme: CardScheme, code: string, category: ReasonCategory): ReasonCode => ({ scheme, code, category });

export const REASON_CODES: readonly ReasonCode[] = [
  rc('unionpay', '4512', 'duplicate'),
  rc('unionpay', '4514', 'paid-by-other-means'),
  rc('unionpay', '4507', 'incorrect-amount'),
  rc('unionpay', '4531', 'credit-not-processed'),
  rc('unionpay', '4515', 'not-recognised'),
  rc('unionpay', '4508', 'no-authorisation'),
  rc('unionpay', '4562', 'fraud-no-signature'),
  rc('unionpay', '4527', 'fraud-no-signature'),
  rc('visa', '12.6.1', 'duplicate'),
  rc('visa', '12.6.2', 'paid-by-other-means'),
  rc('visa', '12.5', 'incorrect-amount'),
  rc('visa', '13.6', 'credit-not-processed'),
  rc('visa', '10.4', 'not-recognised'),
  rc('visa', '11.3', 'no-authorisation'),
  rc('visa', '10.3', 'fraud-no-signature'),
  // 4834 (point-of-interaction error) covers both a duplicate and a sale paid by other means.
  rc('mastercard', '4834', 'duplicate'),
  rc('mastercard', '4834', 'paid-by-other-means'),
  rc('mastercard', '4853', 'credit-not-processed'),
  rc('mastercard', '4831', 'incorrect-amount'),
  rc('mastercard', '4863', 'not-recognised'),
  rc('mastercard', '4808', 'no-authorisation'),
  rc('mastercard', '4837', 'fraud-no-signature'),
];

export const reasonCodesOf = (scheme: CardScheme): ReasonCode[] => REASON_CODES.filter((r) => r.scheme === scheme);

/** The (first) category of a scheme's code, or null for a code not in the list. */
export const categoryOf = (scheme: CardScheme, code: string): ReasonCategory | null =>
  REASON_CODES.find((r) => r.scheme === scheme && r.code === code.trim())?.category ?? null;
