import type { TFunction } from 'i18next';

/**
 * Audit actions as people read them: every code the console writes has a name in both languages
 * (i18n `audit.action.<code with _ for .>`) and belongs to a group the log can be filtered by.
 * A code without a name (written by a newer version) still shows its group and the code.
 */
export const AUDIT_GROUPS = ['session', 'operator', 'sale', 'signature', 'reversal', 'receipt', 'settings', 'evidence', 'other'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

/** Signature steps are written on the sale but read as their own group (补签 follow-up). */
const SIGNATURE_ACTIONS = new Set([
  'sale.awaiting-signature',
  'sale.signed',
  'sale.unsigned',
  'sale.signature-exempted',
  'sale.signature-not-required',
  'sale.supplementary-signature',
  'sale.signed-on-paper',
  'sale.unsigned-registered',
]);

const SESSION_ACTIONS = new Set(['login', 'logout', 'lock', 'lock.idle', 'unlock', 'manager-approval']);

export const auditGroupOf = (action: string): AuditGroup => {
  if (SESSION_ACTIONS.has(action)) return 'session';
  if (SIGNATURE_ACTIONS.has(action)) return 'signature';
  if (action === 'sale.voided') return 'reversal';
  const prefix = action.split('.')[0] ?? '';
  switch (prefix) {
    case 'operator':
      return 'operator';
    case 'sale':
      return 'sale';
    case 'void':
    case 'refund':
      return 'reversal';
    case 'receipt':
      return 'receipt';
    case 'settings':
    case 'training':
    case 'acquirer':
      return 'settings';
    case 'attachment':
    case 'case':
    case 'evidence':
      return 'evidence';
    default:
      return 'other';
  }
};

/** The i18n key of an action's name (i18next reads dots as nesting, so they become `_`). */
export const actionKey = (action: string): string => `action.${action.replace(/\./g, '_')}`;

export const actionName = (t: TFunction<'audit'>, action: string): string => {
  const name = t(actionKey(action), { defaultValue: '' });
  return name || t('unnamedAction', { group: t(`group.${auditGroupOf(action)}`), code: action });
};
