import type { ReceiptInput } from './receipt-input';

/** A signature as strokes (deterministic), used by tests and the benchmark. */
export const SAMPLE_STROKES = [
  [
    { x: 10, y: 50 },
    { x: 60, y: 10 },
    { x: 110, y: 80 },
    { x: 160, y: 20 },
    { x: 220, y: 60 },
  ],
  [
    { x: 30, y: 90 },
    { x: 200, y: 95 },
  ],
];

/** A representative approved UnionPay sale (2026-11-01 14:03:22 Beijing time). */
export const sampleReceiptInput = (overrides: Partial<ReceiptInput> = {}): ReceiptInput => ({
  shopName: '示例商店 Sample Shop',
  shopAddress: '北京市朝阳区建国路 1 号',
  merchantId: '898100000000001',
  terminalId: '10000001',
  operator: '张三',
  time: Date.UTC(2026, 10, 1, 6, 3, 22),
  brand: 'unionpay',
  last4: '1232',
  entryMode: 'hid-swipe',
  saleType: 'sale',
  amountFen: 123456,
  authCode: '123456',
  rrn: '123456789012',
  batch: '000001',
  stan: '000123',
  signature: { kind: 'strokes', strokes: SAMPLE_STROKES },
  featureCode: 'AB12-CD34-EF56-7890',
  qr: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  copy: 'merchant',
  paper: 80,
  footer: '谢谢惠顾 Thank you',
  ...overrides,
});
