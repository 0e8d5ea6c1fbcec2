import { describe, expect, it } from 'vitest';
import { transform } from 'receiptline';
import { buildReceipt, columnsOfMarkup } from './build-receipt';
import { displayWidth, escapeProperty, escapeText, wrapText } from './markup';
import { sampleReceiptInput } from './receipt-fixtures';
import { ReceiptInputError } from './receipt-input';
import { buildPaperWidthCheck, buildTestReceipt } from './test-receipt';

/** receiptline's own plain-text rendering of the markup (what the words on paper are). */
const printedText = (markup: string): string => transform(markup, { cpl: columnsOfMarkup(markup) ?? 48, encoding: 'gb18030', command: 'text' });

describe('receipt markup escaping', () => {
  it('prints every receiptline special character literally', () => {
    const nasty = '|{code:x}| --- === ~_"`^\\ \\x41 {image:AAAA}';
    const text = printedText(`{comment:countersign-receipt v1 cols=48}\n|${escapeText(nasty)}`);
    expect(text.split('\n')[0]).toBe(nasty);
  });

  it('turns line breaks into spaces so shop text cannot start a property or a cut', () => {
    expect(escapeText('Shop\n=\n{image:x}')).not.toContain('\n');
    const text = printedText(`|${escapeText('Shop\n=\n{code:1}')}`);
    expect(text.split('\n')[0]).toBe('Shop = {code:1}');
  });

  it('escapes property values for QR data', () => {
    expect(escapeProperty('a;b{c}|d\\')).toBe('a\\;b\\{c\\}\\|d\\\\');
  });

  it('measures CJK as two columns and word-wraps English', () => {
    expect(displayWidth('￥12.00')).toBe(7);
    expect(wrapText('I ACKNOWLEDGE SATISFACTORY RECEIPT', 16)).toEqual(['I ACKNOWLEDGE', 'SATISFACTORY', 'RECEIPT']);
    expect(wrapText('本人确认以上交易', 8)).toEqual(['本人确认', '以上交易']);
  });
});

describe('buildReceipt', () => {
  it('prints a shop name containing receiptline markup literally', () => {
    const markup = buildReceipt(sampleReceiptInput({ shopName: 'A|B {code:1} ---', copy: 'customer' }));
    // Double-width text comes back with a space after each character in receiptline's text view.
    expect(printedText(markup).replace(/ /g, '')).toContain('A|B{code:1}---');
  });

  it('prints the last four digits only and never an expiry or a PAN-like run from free text', () => {
    const markup = buildReceipt(sampleReceiptInput({ operator: 'op 6212345678901232', footer: 'card 6212 3456 7890 1232', copy: 'customer' }));
    const text = printedText(markup);
    expect(text).toContain('**** 1232');
    expect(text).not.toMatch(/6212\s?345/);
    expect(() => buildReceipt(sampleReceiptInput({ last4: '6212345678901232' }))).toThrow(ReceiptInputError);
  });

  it('puts the signature image on the merchant copy and none on the customer copy', () => {
    expect(buildReceipt(sampleReceiptInput({ copy: 'merchant' }))).toMatch(/\{image:[A-Za-z0-9+/=]+\}/);
    const customer = buildReceipt(sampleReceiptInput({ copy: 'customer' }));
    expect(customer).not.toContain('{image:');
    expect(printedText(customer)).not.toContain('SIGNATURE');
  });

  it('stamps reprints with their number, the reprint time and the original time (RULES 13)', () => {
    const reprintedAt = Date.UTC(2026, 10, 3, 1, 30, 0);
    const text = printedText(buildReceipt(sampleReceiptInput({ reprint: { n: 3, at: reprintedAt } })));
    expect(text.match(/重打印 REPRINT 3/g)).toHaveLength(2);
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/11\/01 14:03:22/);
    expect(text).toMatch(/重打印时间 REPRINTED AT\s+2026\/11\/03 09:30:00/);
    expect(text).not.toContain('日期时间 DATE/TIME');
  });

  it('prints every time in the shop zone it is given, not the PC zone', () => {
    const text = printedText(buildReceipt(sampleReceiptInput({ timeZone: 'Europe/London', reprint: { n: 1, at: Date.UTC(2026, 6, 1, 12, 0, 0) } })));
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/11\/01 06:03:22/);
    expect(text).toMatch(/重打印时间 REPRINTED AT\s+2026\/07\/01 13:00:00/);
    expect(() => buildReceipt(sampleReceiptInput({ timeZone: 'Mars/Olympus' as 'UTC' }))).toThrow(/timeZone/);
  });

  it('marks an offline sale, prints its batch and trace, and says auth code and RRN follow after upload', () => {
    const text = printedText(buildReceipt(sampleReceiptInput({ offline: true, authCode: null, rrn: null, batch: '000002', stan: '000045' })));
    expect(text).toContain('离线交易 OFFLINE SALE');
    expect(text).toMatch(/批次号 BATCH\s+000002/);
    expect(text).toMatch(/凭证号 TRACE\s+000045/);
    expect(text).toMatch(/授权码 AUTH\s+上送后返回 AFTER UPLOAD/);
    expect(text).toMatch(/参考号 REF NO\.\s+上送后返回 AFTER UPLOAD/);
    expect(text).toContain('离线受理');
    expect(printedText(buildReceipt(sampleReceiptInput()))).not.toContain('OFFLINE');
  });

  it('cites the original sale on a void or refund slip: date, batch, trace, auth code, RRN and amount', () => {
    const original = { time: Date.UTC(2026, 9, 30, 2, 0, 0), amountFen: 123456, batch: '000001', stan: '000123', authCode: '123456', rrn: '123456789012' };
    const text = printedText(buildReceipt(sampleReceiptInput({ saleType: 'refund', amountFen: 2000, stan: '000130', authCode: '654321', rrn: '210987654321', original, copy: 'customer' })));
    expect(text).toContain('退货 REFUND');
    expect(text).toContain('原交易 ORIGINAL SALE');
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/10\/30 10:00:00/);
    expect(text).toMatch(/原凭证号 ORIG\. TRACE\s+000123/);
    expect(text).toMatch(/原授权码 ORIG\. AUTH\s+123456/);
    expect(text).toMatch(/原参考号 ORIG\. REF NO\.\s+123456789012/);
    expect(text.replace(/ /g, '')).toContain('原交易金额ORIG.AMOUNT\uFFE51234.56');
  });

  it('has a supplementary-signature variant with its own time', () => {
    const text = printedText(buildReceipt(sampleReceiptInput({ copy: 'supplementary', supplementaryTime: Date.UTC(2026, 10, 2, 2, 0, 0) })));
    expect(text).toContain('补签 SUPPLEMENTARY SIGNATURE');
    expect(text).toMatch(/补签时间 SIGNED AT\s+2026\/11\/02 10:00:00/);
  });

  it('prints PIN-verified and exemption instead of a signature', () => {
    expect(printedText(buildReceipt(sampleReceiptInput({ signature: { kind: 'pin' } })))).toContain('PIN VERIFIED');
    expect(printedText(buildReceipt(sampleReceiptInput({ signature: { kind: 'exempt', reason: '小额免签 under ￥300' } })))).toContain('SIGNATURE EXEMPT: 小额免签 under ￥300');
  });

  it('prints a dash for a missing feature code and the amount with U+FFE5', () => {
    const text = printedText(buildReceipt(sampleReceiptInput({ featureCode: null, saleType: 'refund', amountFen: 500 })));
    expect(text).toMatch(/特征码 FEATURE CODE\s+—/);
    expect(text).toContain('退货 REFUND');
    expect(text.replace(/ /g, '')).toContain('-\uFFE55.00');
    expect(text).not.toContain('\u00A5');
  });

  it('prints Chinese only, English only, or both', () => {
    expect(printedText(buildReceipt(sampleReceiptInput({ language: 'zh-CN' })))).not.toContain('MERCHANT COPY');
    const en = printedText(buildReceipt(sampleReceiptInput({ language: 'en', shopName: 'Shop', shopAddress: '', footer: '', operator: 'Li' })));
    expect(en).toContain('MERCHANT COPY');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('lays out 58 mm receipts in 32 columns and 80 mm in 48, never wider', () => {
    for (const paper of [58, 80] as const) {
      const markup = buildReceipt(sampleReceiptInput({ paper }));
      const columns = paper === 58 ? 32 : 48;
      expect(columnsOfMarkup(markup)).toBe(columns);
      for (const line of printedText(markup).split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    }
    expect(columnsOfMarkup(buildReceipt(sampleReceiptInput({ paper: 80, dotsPerLine: 512 })))).toBe(42);
  });

  it('is deterministic and refuses a signature PNG wider than the paper', () => {
    expect(buildReceipt(sampleReceiptInput())).toBe(buildReceipt(sampleReceiptInput()));
    const wide = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAlgAAAABCAAAAAA=';
    expect(() => buildReceipt(sampleReceiptInput({ paper: 58, signature: { kind: 'png', dataUrl: wide } }))).toThrow(/signature-too-wide/);
  });

  it('builds a test print and a width check as wide as the line', () => {
    const test = printedText(buildTestReceipt({ shopName: 'S', printerName: 'tcp 1.2.3.4:9100', paper: 58, chinese: 'native', time: 0 }));
    expect(test).toContain('PRINTER TEST');
    const check = printedText(buildPaperWidthCheck({ paper: 58 }));
    expect(check).toContain(`<${'234567890123456789012345678901'}>`);
  });
});
