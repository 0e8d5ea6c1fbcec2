import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { rowLabels } from './row-labels';
import { transactionsStrings } from './i18n';

const labelsIn = async (lng: 'en' | 'zh-CN') => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { transactions: transactionsStrings[lng] } }, interpolation: { escapeValue: false } });
  return rowLabels(i18n.getFixedT(lng, 'transactions'), 'Asia/Shanghai');
};

describe('row labels', () => {
  it('formats a row as the list shows it, in the shop time zone, without Intl', async () => {
    const zh = await labelsIn('zh-CN');
    const at = Date.UTC(2026, 0, 2, 23, 5, 9);
    expect(zh.time(at)).toBe('01/03 07:05:09');
    expect(zh.card('1234')).toBe('**** 1234');
    expect(zh.state.declined).toBe('被拒');
    expect(zh.signature.unsigned).toBe('未签名');
    const en = await labelsIn('en');
    expect(en.time(Date.UTC(2026, 11, 31, 15, 59, 58))).toBe('12/31 23:59:58');
    expect(en.kind.refund).toBe('Refund');
  });

  it('shows the same minute as the slip whatever zone the PC is in', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { transactions: transactionsStrings.en } }, interpolation: { escapeValue: false } });
    const at = Date.UTC(2026, 10, 1, 15, 7, 47);
    expect(rowLabels(i18n.getFixedT('en', 'transactions'), 'Asia/Shanghai').time(at)).toBe('11/01 23:07:47');
    expect(rowLabels(i18n.getFixedT('en', 'transactions'), 'UTC').time(at)).toBe('11/01 15:07:47');
  });
});
