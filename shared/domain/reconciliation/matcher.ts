import { matchDeposits } from './deposits';
import { DEFAULT_MATCH_OPTIONS, matchItem } from './match-types';
import type { AcquirerRow, BankRow, ConsoleSlip, MatchItem, MatchOptions } from './match-types';

/**
 * Three-way match (三单合一). Slips ↔ settlement rows first by RRN + terminal + amount (exact
 * pass), then a scored pass (amount, time window, last 4, batch/trace) for what is left; then
 * settlement ↔ bank by each day's or batch's net total (deposits.ts). Pure and deterministic;
 * indexes by key, amount and card, so 100,000 × 100,000 rows take a fraction of a second.
 */
const rrnKey = (rrn: string | null): string | null => {
  const t = rrn?.trim().replace(/^0+/, '') ?? '';
  return t === '' ? null : t.toUpperCase();
};
const same = (a: string | null, b: string | null): boolean | null => (a === null || b === null || a.trim() === '' || b.trim() === '' ? null : a.trim().replace(/^0+/, '') === b.trim().replace(/^0+/, ''));
const direction = (k: string, signedFen: number): 'in' | 'out' => (k === 'sale' ? 'in' : k === 'void' || k === 'refund' ? 'out' : signedFen >= 0 ? 'in' : 'out');
const compatible = (s: ConsoleSlip, r: AcquirerRow): boolean => direction(s.kind, 1) === direction(r.kind, r.amountFen);

/** The fee the acquirer should have taken, or null when no rate is set. */
export const expectedFee = (amountFen: number, o: Pick<MatchOptions, 'feeRateBp' | 'feeCapFen'>): number | null => {
  if (o.feeRateBp === null) return null;
  const fee = Math.floor((Math.abs(amountFen) * o.feeRateBp + 5000) / 10_000);
  return o.feeCapFen === null ? fee : Math.min(fee, o.feeCapFen);
};

/** A matched pair's fee: 'fee-differs' when it is not the rate (±1 fen), or not amount − net. */
const feeVerdict = (s: ConsoleSlip, r: AcquirerRow, o: MatchOptions): { differs: boolean; expected: number | null } => {
  if (s.kind !== 'sale' || r.feeFen === null) return { differs: false, expected: null };
  const expected = expectedFee(s.amountFen, o);
  if (expected !== null) return { differs: Math.abs(r.feeFen - expected) > 1, expected };
  return { differs: r.netFen !== null && r.amountFen - r.feeFen !== r.netFen, expected: null };
};

interface Ctx {
  o: MatchOptions;
  items: MatchItem[];
  usedRow: Set<string>;
}

const pair = (c: Ctx, s: ConsoleSlip, r: AcquirerRow, pass: 'exact' | 'scored', score: number | null): void => {
  c.usedRow.add(r.id);
  const amount = Math.abs(r.amountFen);
  const ids = { slipId: s.id, rowId: r.id, feeFen: r.feeFen, pass, score };
  if (amount !== s.amountFen) {
    c.items.push(matchItem('amount-differs', s.day, s.amountFen, { ...ids, otherFen: amount }));
    return;
  }
  const fee = feeVerdict(s, r, c.o);
  c.items.push(matchItem(fee.differs ? 'fee-differs' : 'matched', s.day, s.amountFen, { ...ids, expectedFeeFen: fee.expected }));
};

/** Rows the acquirer listed more than once (same RRN, terminal, amount and type): all but the first. */
const duplicates = (c: Ctx, rows: readonly AcquirerRow[]): void => {
  const first = new Map<string, AcquirerRow>();
  for (const r of rows) {
    const id = rrnKey(r.rrn);
    const key = id ? `${id}|${r.terminal ?? ''}|${r.amountFen}|${r.kind}` : `-|${r.at ?? r.day}|${r.amountFen}|${r.last4 ?? ''}|${r.trace ?? ''}|${r.kind}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, r);
      continue;
    }
    c.usedRow.add(r.id);
    c.items.push(matchItem('duplicated', r.day, Math.abs(r.amountFen), { rowId: r.id, duplicateOf: earlier.id, feeFen: r.feeFen }));
  }
};

/** Pass 1: RRN (+ terminal when both have one), then amount. */
const exactPass = (c: Ctx, slips: readonly ConsoleSlip[], rows: readonly AcquirerRow[]): ConsoleSlip[] => {
  const byRrn = new Map<string, AcquirerRow[]>();
  for (const r of rows) {
    const k = rrnKey(r.rrn);
    if (!k || c.usedRow.has(r.id)) continue;
    const list = byRrn.get(k);
    if (list) list.push(r);
    else byRrn.set(k, [r]);
  }
  const rest: ConsoleSlip[] = [];
  for (const s of slips) {
    const k = rrnKey(s.rrn);
    const candidates = (k ? (byRrn.get(k) ?? []) : []).filter((r) => !c.usedRow.has(r.id) && same(s.terminal, r.terminal) !== false && compatible(s, r));
    const hit = candidates.find((r) => Math.abs(r.amountFen) === s.amountFen) ?? candidates[0];
    if (hit) pair(c, s, hit, 'exact', null);
    else rest.push(s);
  }
  return rest;
};

/** Pass 2 score of a slip and a row; null when they cannot be the same transaction. */
export const score = (s: ConsoleSlip, r: AcquirerRow, windowMs: number): number | null => {
  if (!compatible(s, r) || same(s.terminal, r.terminal) === false) return null;
  const amountEq = Math.abs(r.amountFen) === s.amountFen;
  const last4 = same(s.last4, r.last4);
  const trace = same(s.trace, r.trace);
  const batch = same(s.batch, r.batch);
  if (last4 === false) return null;
  if (!amountEq && !(last4 && trace)) return null;
  let points = amountEq ? 40 : 0;
  if (r.at !== null) {
    const dt = Math.abs(r.at - s.at);
    if (dt > windowMs && !(trace && batch)) return null;
    points += dt <= windowMs ? 30 * (1 - dt / windowMs) : 0;
  } else if (r.day === s.day) points += 10;
  else return null;
  if (last4) points += 20;
  if (trace) points += 15;
  if (batch) points += 5;
  return points;
};

export const SCORE_THRESHOLD = 55;

/** Pass 2: candidates by amount and by card, scored, assigned best first. */
const scoredPass = (c: Ctx, slips: readonly ConsoleSlip[], rows: readonly AcquirerRow[]): ConsoleSlip[] => {
  const free = rows.filter((r) => !c.usedRow.has(r.id));
  const byAmount = new Map<number, AcquirerRow[]>();
  const byCard = new Map<string, AcquirerRow[]>();
  for (const r of free) {
    const a = Math.abs(r.amountFen);
    (byAmount.get(a) ?? byAmount.set(a, []).get(a))?.push(r);
    if (r.last4) (byCard.get(r.last4) ?? byCard.set(r.last4, []).get(r.last4))?.push(r);
  }
  const pairs: Array<{ s: ConsoleSlip; r: AcquirerRow; points: number }> = [];
  for (const s of slips) {
    const seen = new Set<string>();
    for (const r of [...(byAmount.get(s.amountFen) ?? []), ...(s.last4 ? (byCard.get(s.last4) ?? []) : [])]) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const points = score(s, r, c.o.windowMs);
      if (points !== null && points >= SCORE_THRESHOLD) pairs.push({ s, r, points });
    }
  }
  pairs.sort((a, b) => b.points - a.points || a.s.at - b.s.at || (a.r.id < b.r.id ? -1 : 1));
  const usedSlip = new Set<string>();
  for (const p of pairs) {
    if (usedSlip.has(p.s.id) || c.usedRow.has(p.r.id)) continue;
    usedSlip.add(p.s.id);
    pair(c, p.s, p.r, 'scored', Math.round(p.points));
  }
  return slips.filter((s) => !usedSlip.has(s.id));
};

export interface MatchInput {
  slips: readonly ConsoleSlip[];
  rows: readonly AcquirerRow[];
  bank: readonly BankRow[];
}

/** Every slip, row and deposit group gets exactly one item. `probe` is called between passes (benchmarks sample memory there). */
export const matchAll = (input: MatchInput, options: Partial<MatchOptions> = {}, probe?: () => void): MatchItem[] => {
  const c: Ctx = { o: { ...DEFAULT_MATCH_OPTIONS, ...options }, items: [], usedRow: new Set() };
  duplicates(c, input.rows);
  const afterExact = exactPass(c, input.slips, input.rows);
  probe?.();
  const left = scoredPass(c, afterExact, input.rows);
  probe?.();
  for (const s of left) c.items.push(matchItem('missing-at-acquirer', s.day, s.amountFen, { slipId: s.id, pass: 'scored' }));
  for (const r of input.rows) if (!c.usedRow.has(r.id)) c.items.push(matchItem('missing-in-console', r.day, Math.abs(r.amountFen), { rowId: r.id, feeFen: r.feeFen, pass: 'scored' }));
  c.items.push(...matchDeposits(input.rows, input.bank, c.o));
  probe?.();
  return c.items;
};
