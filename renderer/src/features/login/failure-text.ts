import type { TFunction } from 'i18next';
import type { ActionFailure } from '../../services/operator-session';

const KNOWN = new Set([
  'name-required', 'name-taken', 'name-too-long', 'pin-format', 'pin-mismatch', 'pin-weak', 'pin-reused', 'wrong-pin', 'no-operator', 'no-manager', 'not-a-manager', 'backoff', 'locked-out',
  'disabled', 'unknown-operator', 'customer-window', 'already-set-up', 'last-manager', 'self', 'not-found',
]);

/** The translated reason a PIN or operator action was refused, with the wait when there is one. */
export const failureText = (t: TFunction<'login'>, failure: ActionFailure | string): string => {
  const f = typeof failure === 'string' ? { reason: failure, retryAfterMs: null } : failure;
  const wait = f.retryAfterMs ?? 0;
  const key = KNOWN.has(f.reason) ? f.reason : 'failed';
  const values = { seconds: Math.max(1, Math.ceil(wait / 1000)), minutes: Math.max(1, Math.ceil(wait / 60_000)) };
  // A wrong PIN that started the back-off says how long until the next try.
  if (key === 'wrong-pin' && wait > 0) return `${t('errors.wrong-pin')} ${t('errors.backoff', values)}`;
  return t(`errors.${key}`, values);
};
