/**
 * Dispute case types (PRODUCT problem 3): how a complaint or a bank request is filed. Each type has
 * a default deadline in days (acquirer contracts differ, so Settings → Cases can change it) and an
 * evidence checklist (checklists.ts). `unsigned` and `other` come from the first case model (problem 1
 * ends in a case too) and are kept so older records stay valid.
 */
export const CASE_TYPES = [
  'failed-but-charged',
  'wrong-amount',
  'duplicate-charge',
  'refund-not-received',
  'not-recognised',
  'card-info-error',
  'system-fault',
  'retrieval-request',
  'chargeback',
  'unsigned',
  'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const isCaseType = (value: unknown): value is CaseType => typeof value === 'string' && (CASE_TYPES as readonly string[]).includes(value);

/**
 * Days to answer, counted from when the case is opened. A retrieval request (调单) is typically due
 * within 7 days and a chargeback within 10-15 at Chinese acquirers; customer complaints are the shop's
 * own follow-up target.
 */
export const DEFAULT_DUE_DAYS: Record<CaseType, number> = {
  'failed-but-charged': 3,
  'wrong-amount': 3,
  'duplicate-charge': 3,
  'refund-not-received': 5,
  'not-recognised': 7,
  'card-info-error': 5,
  'system-fault': 3,
  'retrieval-request': 7,
  chargeback: 10,
  unsigned: 7,
  other: 7,
};

/** The settings key of a type's deadline: `failedButChargedDays`, `chargebackDays`, … */
export const dueDaysKey = (type: CaseType): `${string}Days` => `${type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Days`;

/** Where a case was opened from: a sale's detail, the bank-SMS lookup, a bank notice, or reconciliation. */
export const CASE_ORIGINS = ['sale', 'sms', 'notice', 'reconciliation'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

const DAY_MS = 86_400_000;

/** The due time for a case opened at `openedAt` with `days` to answer (end of that many whole days). */
export const dueAtFor = (openedAt: number, days: number): number => openedAt + days * DAY_MS;

/** The days to answer a type from the settings section `cases` (keys by dueDaysKey). */
export const dueDaysOf = (settings: Readonly<Record<string, unknown>>, type: CaseType): number => {
  const v = settings[dueDaysKey(type)];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_DUE_DAYS[type];
};
