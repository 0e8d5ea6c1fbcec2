import { describe, expect, it } from 'vitest';
import { fingerprints } from './fingerprint';
import { dayOf, kindOf, lastFourOf, looksLikeFormula, maskLongNumbers, parseAmount, parseDate, parseTime, wallClockToMs } from './values';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 'yuan', 123_456],
    ['￥1,234.56', 'yuan', 123_456],
    ['¥ 12.3', 'yuan', 1_230],
    ['-12.00', 'yuan', -1_200],
    ['(12.00)', 'yuan', -1_200],
    ['12.00-', 'yuan', -1_200],
    ['+5', 'yuan', 500],
    ['1234.5元', 'yuan', 123_450],
    ['RMB 0.05', 'yuan', 5],
    ['１２３．４５', 'yuan', 12_345],
    ['1，000.00', 'yuan', 100_000],
    ['12.300', 'yuan', 1_230],
    ['000000012345', 'fen', 12_345],
    ['12345', 'fen', 12_345],
    ['1,000', 'fen', 1_000],
    ['100.00', 'fen', 100],
  ] as const)('%s in %s is %i fen', (raw, unit, fen) => {
    expect(parseAmount(raw, unit)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['', 'yuan', 'amount-empty'],
    ['  ', 'yuan', 'amount-empty'],
    ['--', 'yuan', 'amount-empty'],
    ['12,34.00', 'yuan', 'amount-thousands'],
    ['1,2345.00', 'yuan', 'amount-thousands'],
    ['12.345', 'yuan', 'amount-decimals'],
    ['12.5', 'fen', 'amount-decimals'],
    ['abc', 'yuan', 'amount-invalid'],
    ['1.2.3', 'yuan', 'amount-invalid'],
    ['6222 02** **** 1000', 'yuan', 'amount-invalid'],
    ['2026-11-23', 'yuan', 'amount-invalid'],
    ['100000000.01', 'yuan', 'amount-range'],
    ['99999999999999999', 'yuan', 'amount-range'],
  ] as const)('%j in %s is refused as %s', (raw, unit, code) => {
    expect(parseAmount(raw, unit)).toEqual({ ok: false, code });
  });
});

describe('dates and times', () => {
  it.each([
    ['2026-11-23', '2026-11-23', null],
    ['2026/1/5', '2026-01-05', null],
    ['2026.11.23', '2026-11-23', null],
    ['20261123', '2026-11-23', null],
    ['2026年11月23日', '2026-11-23', null],
    ['2026-11-23 10:15:02', '2026-11-23', '10:15:02'],
    ['2026-11-23T10:15:02', '2026-11-23', '10:15:02'],
    ['20261123101502', '2026-11-23', '101502'],
    ['1123', '2026-11-23', null],
  ])('%s', (raw, day, time) => {
    expect(parseDate(raw, 2026)).toEqual({ ok: true, value: { day, time } });
  });

  it('refuses impossible days and empty cells', () => {
    expect(parseDate('2026-02-30')).toEqual({ ok: false, code: 'date-invalid' });
    expect(parseDate('23/11/2026')).toEqual({ ok: false, code: 'date-invalid' });
    expect(parseDate('')).toEqual({ ok: false, code: 'date-empty' });
  });

  it('reads times in several spellings and refuses impossible ones', () => {
    expect(parseTime('10:15:02')).toEqual({ ok: true, value: 36_902 });
    expect(parseTime('101502')).toEqual({ ok: true, value: 36_902 });
    expect(parseTime('10:15')).toEqual({ ok: true, value: 36_900 });
    expect(parseTime('10时15分02秒')).toEqual({ ok: true, value: 36_902 });
    expect(parseTime('25:00')).toEqual({ ok: false, code: 'time-invalid' });
  });

  it('wall-clock times are Beijing time and days are Beijing days', () => {
    const ms = wallClockToMs('2026-11-23', 1 * 3600);
    expect(ms).toBe(Date.UTC(2026, 10, 22, 17, 0, 0));
    expect(dayOf(ms)).toBe('2026-11-23');
  });
});

describe('cards, kinds and formulas', () => {
  it('keeps only the last four digits of a card cell and says when it was a full number', () => {
    expect(lastFourOf('6222 02** **** 1234')).toEqual({ last4: '1234', full: false });
    expect(lastFourOf('622202******1234')).toEqual({ last4: '1234', full: false });
    expect(lastFourOf('6222021234567890123')).toEqual({ last4: '0123', full: true });
    expect(lastFourOf('')).toEqual({ last4: null, full: false });
  });

  it('masks long digit runs and leaves 12-digit reference numbers alone', () => {
    expect(maskLongNumbers('卡 6222 0212 3456 7890 付款 000001000012')).toBe('卡 ****7890 付款 000001000012');
  });

  it('reads transaction types in Chinese and English', () => {
    expect([kindOf('消费'), kindOf('消费撤销'), kindOf('退货'), kindOf('Refund'), kindOf('冲正'), kindOf('预授权完成'), kindOf('积分')]).toEqual(['sale', 'void', 'refund', 'refund', 'reversal', 'sale', null]);
  });

  it('flags formula-like text but not signed numbers', () => {
    expect(['=1+1', '@SUM(A1)', '+86 138', '-张三', '\tx'].map(looksLikeFormula)).toEqual([true, true, true, true, true]);
    expect(['-12.00', '+5', '1,234.56', '张三'].map(looksLikeFormula)).toEqual([false, false, false, false]);
  });
});


describe('row fingerprints', () => {
  const row = { day: '2026-11-24', at: 1, amountFen: 59_385, feeFen: null, rrn: null, terminal: null, trace: null, last4: null, memo: 'POS清算款', kind: 'other' };
  it('the same row in two files has the same fingerprint; repeats inside a file stay apart', () => {
    expect(fingerprints('bank', [row])).toEqual(fingerprints('bank', [{ ...row }]));
    const [a, b] = fingerprints('bank', [row, row]);
    expect(a).not.toBe(b);
    expect(a?.endsWith('#0')).toBe(true);
    expect(b?.endsWith('#1')).toBe(true);
    expect(fingerprints('bank', [{ ...row, amountFen: 59_386 }])[0]).not.toBe(a);
    expect(fingerprints('acquirer', [row])[0]).not.toBe(a);
  });
});
