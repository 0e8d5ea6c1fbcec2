import type { TFunction } from 'i18next';
import { ROLE_REFUSALS } from '../../../../shared/ipc/roles';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';

const ROLE_REASONS = new Set<string>(ROLE_REFUSALS);

/** A command's error for the screen: a role refusal by its reason, anything else by its code. */
export const envelopeErrorText = (t: TFunction, error: EnvelopeError): string =>
  error.code === 'FORBIDDEN_ROLE' && error.reason && ROLE_REASONS.has(error.reason) ? t(`roleRefused.${error.reason}`) : t(`errors.${error.code}`, { field: error.field ?? '' });
