import { describe, expect, it } from 'vitest';
import { transform } from 'receiptline';
import { columnsOfMarkup } from '../../../shared/domain/receipt';
import { defaultSettings } from '../../../shared/domain/settings';
import { saleRecord } from '../data/sale-fixture';
import type { StoredCard } from '../data/records';
import { saleReceiptMarkup } from './sale-receipt';

const printed = (markup: string): string => transform(markup, { cpl: columnsOfMarkup(markup) ?? 48, encoding: 'gb18030', command: 'text' });

const card: StoredCard = { maskedPan: '621234******1232', bin: null, last4: '1232', brand: 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: 'f' };
/** 2026-11-01 14:03:22 in Beijing. */
const SOLD = Date.UTC(2026, 10, 1, 6, 3, 22);
const sold = saleRecord({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', createdAt: SOLD, amountFen: 123456, card, last4: '1232', batch: '000001', stan: '000123', authCode: '123456', rrn: '123456789012' });
const base = { signatures: [], operatorName: '张三', settings: defaultSettings(), copy: 'merchant' as const, reprint: 0, printedAt: SOLD };

describe("a sale's slip from its stored record", () => {
  it('prints in the shop time zone from settings, not the PC zone', () => {
    const london = { ...defaultSettings(), general: { ...defaultSettings().general, timeZone: 'Europe/London' as const } };
    expect(printed(saleReceiptMarkup({ ...base, sale: sold }))).toMatch(/2026\/11\/01 14:03:22/);
    expect(printed(saleReceiptMarkup({ ...base, sale: sold, settings: london }))).toMatch(/2026\/11\/01 06:03:22/);
  });

  it('a reprint carries the time it is printed and the original time', () => {
    const text = printed(saleReceiptMarkup({ ...base, sale: sold, reprint: 2, printedAt: Date.UTC(2026, 10, 2, 0, 0, 0) }));
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/11\/01 14:03:22/);
    expect(text).toMatch(/重打印时间 REPRINTED AT\s+2026\/11\/02 08:00:00/);
  });

  it('an offline sale is marked offline; once forwarded and approved it prints as a plain sale', () => {
    const offline = { ...sold, state: 'offline-accepted' as const, channel: 'offline' as const, authCode: null, rrn: null };
    expect(printed(saleReceiptMarkup({ ...base, sale: offline }))).toContain('离线交易 OFFLINE SALE');
    expect(printed(saleReceiptMarkup({ ...base, sale: { ...offline, state: 'approved' } }))).not.toContain('OFFLINE SALE');
  });

  it('a refund cites the sale it reverses', () => {
    const refund = saleRecord({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60', kind: 'refund', originalSaleId: sold.id, createdAt: SOLD + 3_600_000, amountFen: 2000, card, last4: '1232', stan: '000130', authCode: '654321', rrn: '210987654321', signatureState: 'not-required' });
    const text = printed(saleReceiptMarkup({ ...base, sale: refund, copy: 'customer', original: sold }));
    expect(text).toContain('原交易 ORIGINAL SALE');
    expect(text).toMatch(/原凭证号 ORIG\. TRACE\s+000123/);
    expect(text).toMatch(/原参考号 ORIG\. REF NO\.\s+123456789012/);
    expect(text).toMatch(/原授权码 ORIG\. AUTH\s+123456/);
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/11\/01 14:03:22/);
  });
});
