import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { rowLabels } from './row-labels';
import { transactionsStrings } from './i18n';

const labelsIn = async (lng: 'en' | 'zh-CN') => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { transactions: transactionsStrings[lng] } }, interpolation: { escapeValue: false } });
  return rowLabels(i18n.getFixedT(lng, 'transactions'));
};

describe('row labels', () => {
  it('formats a row as the list shows it, in local time, without Intl', async () => {
    const zh = await labelsIn('zh-CN');
    const at = new Date(2026, 0, 3, 7, 5, 9).getTime();
    expect(zh.time(at)).toBe('01/03 07:05:09');
    expect(zh.card('1234')).toBe('**** 1234');
    expect(zh.state.declined).toBe('被拒');
    expect(zh.signature.unsigned).toBe('未签名');
    const en = await labelsIn('en');
    expect(en.time(new Date(2026, 11, 31, 23, 59, 58).getTime())).toBe('12/31 23:59:58');
    expect(en.kind.refund).toBe('Refund');
  });
});
