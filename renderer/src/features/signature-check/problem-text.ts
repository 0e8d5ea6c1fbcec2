import type { TFunction } from 'i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { FieldChange, SignatureProblem, SignedFieldValue } from '../../../../shared/domain/sale/signature-check';
import type { ShopTime } from '../session/useShopTime';

/**
 * A failed check in the screen's words: a title, the plain explanation, and for changed data
 * one line per field with the signed and the stored value, formatted as the shop reads them
 * (amounts in ￥, times in the shop's zone).
 */
export interface ProblemText {
  title: string;
  body: string;
  lines: string[];
}

type T = TFunction<'signatureCheck'>;

export const fieldValue = (t: T, time: ShopTime, change: Pick<FieldChange, 'field'>, value: SignedFieldValue): string => {
  if (value === null || value === undefined || value === '') return t('field.empty');
  if (change.field === 'amountFen' && typeof value === 'number') return formatRmb(value);
  if (change.field === 'createdAt' && typeof value === 'number') return time.dateTime(value);
  return String(value);
};

export const fieldChangeText = (t: T, time: ShopTime, c: FieldChange): string =>
  t('fieldChange', { field: t(`field.${c.field}`), signed: fieldValue(t, time, c, c.signed), now: fieldValue(t, time, c, c.now) });

export const problemText = (t: T, time: ShopTime, p: SignatureProblem): ProblemText => {
  switch (p.code) {
    case 'data-changed':
      return p.fields.length > 0
        ? { title: t('problem.data-changed.title'), body: t('problem.data-changed.body'), lines: p.fields.map((c) => fieldChangeText(t, time, c)) }
        : { title: t('problem.data-changed.title'), body: t('problem.data-changed.unnamed'), lines: [] };
    case 'record-damaged':
      return { title: t('problem.record-damaged.title'), body: t(`problem.record-damaged.${p.reason}`), lines: [] };
    case 'audit-not-checkpointed':
      return { title: t('problem.audit-not-checkpointed.title'), body: t(`problem.audit-not-checkpointed.${p.reason}`), lines: [] };
    case 'host-mac-rejected':
      return { title: t('problem.host-mac-rejected.title', { code: p.responseCode }), body: t('problem.host-mac-rejected.body', { code: p.responseCode }), lines: [] };
    default:
      return { title: t(`problem.${p.code}.title`), body: t(`problem.${p.code}.body`), lines: [] };
  }
};
