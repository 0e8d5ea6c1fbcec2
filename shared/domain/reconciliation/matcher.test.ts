import { describe, expect, it } from 'vitest';
import { expectedFee, matchAll, score } from './matcher';
import type { AcquirerRow, BankRow, ConsoleSlip, MatchItem } from './match-types';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const slip = (id: string, amountFen: number, over: Partial<ConsoleSlip> = {}): ConsoleSlip => ({
  id,
  at: T0,
  day: '2026-11-23',
  kind: 'sale',
  amountFen,
  rrn: null,
  terminal: '10000001',
  batch: '000001',
  trace: null,
  last4: '1234',
  ...over,
});
const row = (id: string, amountFen: number, over: Partial<AcquirerRow> = {}): AcquirerRow => ({
  id,
  at: T0,
  day: '2026-11-23',
  settleDay: null,
  kind: 'sale',
  amountFen,
  feeFen: null,
  netFen: null,
  rrn: null,
  terminal: '10000001',
  batch: '000001',
  trace: null,
  last4: '1234',
  ...over,
});
const credit = (id: string, day: string, amountFen: number, memo: string): BankRow => ({ id, day, at: Date.parse(`${day}T02:00:00Z`), amountFen, memo });
const kinds = (items: MatchItem[]): string[] => items.map((i) => `${i.kind}:${i.slipId ?? '-'}:${i.rowId ?? '-'}:${i.bankId ?? '-'}`).sort();

describe('pass 1: RRN + terminal + amount', () => {
  it('matches by reference number even when times and cards differ, and ignores leading zeros', () => {
    const items = matchAll({ slips: [slip('s1', 1000, { rrn: '000001000012', last4: '9999' })], rows: [row('r1', 1000, { rrn: '1000012', at: T0 + 5 * 3600_000 })], bank: [] });
    expect(kinds(items)).toEqual(['matched:s1:r1:-']);
    expect(items[0]?.pass).toBe('exact');
  });

  it('same reference, another amount: amount differs, with both amounts', () => {
    const [item] = matchAll({ slips: [slip('s1', 8_800, { rrn: '12' })], rows: [row('r1', 8_000, { rrn: '12' })], bank: [] });
    expect(item).toMatchObject({ kind: 'amount-differs', amountFen: 8_800, otherFen: 8_000 });
  });

  it('same reference on another terminal is not the same sale', () => {
    expect(kinds(matchAll({ slips: [slip('s1', 1000, { rrn: '12', last4: null })], rows: [row('r1', 1000, { rrn: '12', terminal: '10000002', last4: null })], bank: [] }))).toEqual([
      'missing-at-acquirer:s1:-:-',
      'missing-in-console:-:r1:-',
    ]);
  });

  it('a row listed twice: the first matches, the second is duplicated and points at the first', () => {
    const items = matchAll({ slips: [slip('s1', 1000, { rrn: '12' })], rows: [row('r1', 1000, { rrn: '12' }), row('r2', 1000, { rrn: '12' })], bank: [] });
    expect(kinds(items)).toEqual(['duplicated:-:r2:-', 'matched:s1:r1:-']);
    expect(items.find((i) => i.kind === 'duplicated')?.duplicateOf).toBe('r1');
  });

  it('voids and refunds match negative rows, never sales of the same amount', () => {
    const items = matchAll({
      slips: [slip('s1', 2_000, { rrn: '1' }), slip('v1', 2_000, { rrn: '2', kind: 'void' })],
      rows: [row('r1', 2_000, { rrn: '1' }), row('r2', -2_000, { rrn: '2', kind: 'void' })],
      bank: [],
    });
    expect(kinds(items)).toEqual(['matched:s1:r1:-', 'matched:v1:r2:-']);
  });
});

describe('pass 2: scored', () => {
  it('pairs slips without a reference by amount, time, card and trace', () => {
    const items = matchAll({
      slips: [slip('s1', 1000, { trace: '000007' }), slip('s2', 1000, { at: T0 + 10 * 60_000, last4: '5678' })],
      rows: [row('r2', 1000, { at: T0 + 11 * 60_000, last4: '5678' }), row('r1', 1000, { at: T0 + 60_000, trace: '000007' })],
      bank: [],
    });
    expect(kinds(items)).toEqual(['matched:s1:r1:-', 'matched:s2:r2:-']);
    expect(items.every((i) => i.pass === 'scored' && (i.score ?? 0) >= 55)).toBe(true);
  });

  it('same card and trace but another amount is amount differs, not two strangers', () => {
    const [item] = matchAll({ slips: [slip('s1', 1000, { trace: '000007' })], rows: [row('r1', 1500, { trace: '000007' })], bank: [] });
    expect(item).toMatchObject({ kind: 'amount-differs', otherFen: 1500, pass: 'scored' });
  });

  it('outside the time window or on another card there is no match', () => {
    expect(score(slip('s', 1000), row('r', 1000, { at: T0 + 31 * 60_000 }), 30 * 60_000)).toBeNull();
    expect(score(slip('s', 1000), row('r', 1000, { last4: '0000' }), 30 * 60_000)).toBeNull();
    expect(kinds(matchAll({ slips: [slip('s1', 1000)], rows: [row('r1', 1000, { at: T0 + 2 * 3600_000 })], bank: [] }))).toEqual(['missing-at-acquirer:s1:-:-', 'missing-in-console:-:r1:-']);
  });

  it('takes the best pair first when two slips want one row', () => {
    const items = matchAll({ slips: [slip('far', 1000, { at: T0 + 20 * 60_000 }), slip('near', 1000, { at: T0 + 60_000 })], rows: [row('r', 1000)], bank: [] });
    expect(kinds(items)).toEqual(['matched:near:r:-', 'missing-at-acquirer:far:-:-']);
  });
});

describe('fees', () => {
  it('fee differs from the rate by more than a fen', () => {
    expect(expectedFee(1_990, { feeRateBp: 60, feeCapFen: null })).toBe(12);
    expect(expectedFee(10_000_000, { feeRateBp: 60, feeCapFen: 2_000 })).toBe(2_000);
    const items = matchAll({ slips: [slip('a', 1_990, { rrn: '1' }), slip('b', 10_000, { rrn: '2' })], rows: [row('ra', 1_990, { rrn: '1', feeFen: 500 }), row('rb', 10_000, { rrn: '2', feeFen: 61 })], bank: [] }, { feeRateBp: 60 });
    expect(kinds(items)).toEqual(['fee-differs:a:ra:-', 'matched:b:rb:-']);
    expect(items.find((i) => i.kind === 'fee-differs')).toMatchObject({ feeFen: 500, expectedFeeFen: 12 });
  });

  it('without a rate, a fee that does not add up to the net differs', () => {
    const items = matchAll({ slips: [slip('a', 1_000, { rrn: '1' })], rows: [row('ra', 1_000, { rrn: '1', feeFen: 6, netFen: 990 })], bank: [] });
    expect(items[0]?.kind).toBe('fee-differs');
  });
});

describe('pass 3: settlement ↔ bank by net total', () => {
  const rows = [row('r1', 10_000, { feeFen: 60, netFen: 9_940 }), row('r2', -2_000, { kind: 'refund', feeFen: -12, netFen: -1_988 }), row('r3', 5_000, { day: '2026-11-24', feeFen: 30, netFen: 4_970 })];

  it('matches each day’s net, names a different deposit with both amounts, and a missing one', () => {
    const items = matchAll({ slips: [], rows, bank: [credit('b1', '2026-11-24', 7_952, '银联商务 清算款'), credit('b2', '2026-11-25', 4_900, 'POS结算 20261124'), credit('b3', '2026-11-24', 50_000, '现金存入')] });
    const deposits = items.filter((i) => i.pass === 'deposit');
    expect(kinds(deposits)).toEqual(['deposit-different:-:-:b2', 'deposit-matched:-:-:b1']);
    expect(deposits.find((i) => i.kind === 'deposit-different')).toMatchObject({ amountFen: 4_970, otherFen: 4_900, group: 'day:2026-11-24' });
    const missing = matchAll({ slips: [], rows, bank: [credit('b1', '2026-11-24', 7_952, '清算款'), credit('b9', '2026-11-26', 300, '利息')] }).filter((i) => i.pass === 'deposit');
    expect(kinds(missing)).toEqual(['deposit-matched:-:-:b1', 'deposit-missing:-:-:-']);
  });

  it('says nothing about days the statement does not reach yet', () => {
    expect(matchAll({ slips: [], rows, bank: [] }).filter((i) => i.pass === 'deposit')).toEqual([]);
    expect(kinds(matchAll({ slips: [], rows, bank: [credit('b1', '2026-11-24', 7_952, '清算款')] }).filter((i) => i.pass === 'deposit'))).toEqual(['deposit-matched:-:-:b1']);
  });

  it('groups by batch when deposits come per batch; a deposit paid twice is duplicated', () => {
    const byBatch = [row('a', 1_000, { batch: '000001', netFen: 994 }), row('b', 2_000, { batch: '000002', netFen: 1_988 })];
    const items = matchAll({ slips: [], rows: byBatch, bank: [credit('x', '2026-11-24', 994, 'POS清算 批次000001'), credit('y', '2026-11-24', 994, 'POS清算 批次000001')] }, { depositBy: 'batch' }).filter((i) => i.pass === 'deposit');
    expect(kinds(items)).toEqual(['deposit-matched:-:-:x', 'deposit-missing:-:-:-', 'duplicated:-:-:y']);
    expect(items.find((i) => i.kind === 'deposit-missing')?.group).toBe('batch:000002');
  });

  it('a deposit outside the window does not count', () => {
    const items = matchAll({ slips: [], rows: [rows[0]!], bank: [credit('late', '2026-11-30', 9_940, '清算款')] }).filter((i) => i.pass === 'deposit');
    expect(kinds(items)).toEqual(['deposit-missing:-:-:-']);
  });
});

describe('every input gets exactly one item', () => {
  it('a mixed day: each slip and row appears once, keys are unique and stable', () => {
    const input = {
      slips: [slip('s1', 1000, { rrn: '1' }), slip('s2', 2000, { rrn: '2' }), slip('s3', 3000)],
      rows: [row('r1', 1000, { rrn: '1' }), row('r1b', 1000, { rrn: '1' }), row('r2', 2500, { rrn: '2' }), row('r9', 9000, { rrn: '9' })],
      bank: [],
    };
    const a = matchAll(input);
    expect(kinds(a)).toEqual(['amount-differs:s2:r2:-', 'duplicated:-:r1b:-', 'matched:s1:r1:-', 'missing-at-acquirer:s3:-:-', 'missing-in-console:-:r9:-']);
    expect(new Set(a.map((i) => i.key)).size).toBe(a.length);
    expect(matchAll(input).map((i) => i.key)).toEqual(a.map((i) => i.key));
  });
});
