import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionName, auditGroupOf } from './action-names';
import { auditStrings } from './i18n';

const tIn = async (lng: 'en' | 'zh-CN') => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { audit: auditStrings[lng] } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT(lng, 'audit');
};

describe('audit action names', () => {
  it('reads as words, not codes', async () => {
    const zh = await tIn('zh-CN');
    const en = await tIn('en');
    expect(actionName(zh, 'sale.create')).toBe('开始交易');
    expect(actionName(en, 'sale.create')).toBe('Sale started');
    expect(actionName(zh, 'lock.idle')).toBe('无操作自动锁屏');
    expect(actionName(zh, 'receipt.printed')).toBe('签购单已打印');
  });

  it('an action from a newer version shows its group and its code', async () => {
    expect(actionName(await tIn('zh-CN'), 'receipt.emailed')).toBe('签购单打印（receipt.emailed）');
    expect(auditGroupOf('sale.supplementary-signature')).toBe('signature');
    expect(auditGroupOf('refund.approved')).toBe('reversal');
    expect(auditGroupOf('lock.idle')).toBe('session');
  });
});
