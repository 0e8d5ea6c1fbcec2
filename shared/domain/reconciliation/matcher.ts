import { matchDeposits } from './deposits';
import { DEFAULT_MATCH_OPTIONS, matchItem } from './match-types';
import type { AcquirerRow, BankRow, ConsoleSlip, MatchItem, MatchOptions } from './match-types';

/**
 * Three-way match (三单合一). Slips ↔ settlement rows first by RRN + terminal + amount (exact
 * pass), then a scored pass (amount, time window, last 4, batch/trace) for what is left; then
 * settlement ↔ bank by each day's or batch's net total (deposits.ts). Pure and deterministic.
 * Rows are handled by their index (flags in a typed array, keys normalized once), so 100,000
 * slips × 100,000 rows cost a few hundred milliseconds and little garbage.
 */

/** '000001000012' → '1000012'; by hand, not by regex: it runs for every slip and row. */
const idKey = (v: string | null): string | null => {
  if (v === null) return null;
  let a = 0;
  let b = v.length;
  while (a < b && v.charCodeAt(a) <= 32) a++;
  while (b > a && v.charCodeAt(b - 1) <= 32) b--;
  if (a === b) return null;
  while (a < b - 1 && v.charCodeAt(a) === 48) a++;
  const t = a === 0 && b === v.length ? v : v.slice(a, b);
  return /[a-z]/.test(t) ? t.toUpperCase() : t;
};

/** Both present and equal (after trimming and leading zeros), both present and different, or unknown (null). */
const same = (a: string | null, b: string | null): boolean | null => {
  const x = idKey(a);
  const y = idKey(b);
  return x === null || y === null ? null : x === y;
};

const incoming = (kind: string, signedFen: number): boolean => (kind === 'sale' ? true : kind === 'void' || kind === 'refund' ? false : signedFen >= 0);
const compatible = (s: ConsoleSlip, r: AcquirerRow): boolean => incoming(s.kind, 1) === incoming(r.kind, r.amountFen);

/** The fee the acquirer should have taken, or null when no rate is set. */
export const expectedFee = (amountFen: number, o: Pick<MatchOptions, 'feeRateBp' | 'feeCapFen'>): number | null => {
  if (o.feeRateBp === null) return null;
  const fee = Math.floor((Math.abs(amountFen) * o.feeRateBp + 5000) / 10_000);
  return o.feeCapFen === null ? fee : Math.min(fee, o.feeCapFen);
};

interface Ctx {
  o: MatchOptions;
  rows: readonly AcquirerRow[];
  items: MatchItem[];
  /** 1 when the row at that index has its item. */
  used: Uint8Array;
  rrn: Array<string | null>;
  term: Array<string | null>;
}

/** A slip and a row are the same transaction: matched, or the amount or the fee differs. */
const pair = (c: Ctx, s: ConsoleSlip, ri: number, pass: 'exact' | 'scored', score: number | null): void => {
  const r = c.rows[ri] as AcquirerRow;
  c.used[ri] = 1;
  const amount = Math.abs(r.amountFen);
  if (amount !== s.amountFen) {
    c.items.push(matchItem('amount-differs', s.day, s.amountFen, { slipId: s.id, rowId: r.id, feeFen: r.feeFen, pass, score, otherFen: amount }));
    return;
  }
  let differs = false;
  let expected: number | null = null;
  if (s.kind === 'sale' && r.feeFen !== null) {
    expected = expectedFee(s.amountFen, c.o);
    // Off the agreed rate by more than a fen of rounding; without a rate, a fee that does not add up to the net.
    differs = expected !== null ? Math.abs(r.feeFen - expected) > 1 : r.netFen !== null && r.amountFen - r.feeFen !== r.netFen;
  }
  c.items.push(matchItem(differs ? 'fee-differs' : 'matched', s.day, s.amountFen, { slipId: s.id, rowId: r.id, feeFen: r.feeFen, pass, score, expectedFeeFen: expected }));
};

/** Rows the acquirer listed more than once (same RRN, terminal, amount and type): all but the first. */
const duplicates = (c: Ctx): void => {
  const first = new Map<string, number>();
  c.rows.forEach((r, i) => {
    const id = c.rrn[i];
    const key = id ? `${id}|${c.term[i] ?? ''}|${r.amountFen}|${r.kind}` : `-|${r.at ?? r.day}|${r.amountFen}|${r.last4 ?? ''}|${r.trace ?? ''}|${r.kind}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return;
    }
    c.used[i] = 1;
    c.items.push(matchItem('duplicated', r.day, Math.abs(r.amountFen), { rowId: r.id, duplicateOf: c.rows[earlier]?.id ?? null, feeFen: r.feeFen }));
  });
};

/** Pass 1: RRN (+ terminal when both have one), then amount. Returns the slips left. */
const exactPass = (c: Ctx, slips: readonly ConsoleSlip[]): ConsoleSlip[] => {
  // Most references are unique: a row index, an array only when a reference repeats.
  const byRrn = new Map<string, number | number[]>();
  c.rrn.forEach((key, i) => {
    if (!key || c.used[i]) return;
    const known = byRrn.get(key);
    if (known === undefined) byRrn.set(key, i);
    else if (typeof known === 'number') byRrn.set(key, [known, i]);
    else known.push(i);
  });
  const rest: ConsoleSlip[] = [];
  for (const s of slips) {
    const key = idKey(s.rrn);
    const found = key === null ? undefined : byRrn.get(key);
    let hit = -1;
    if (found !== undefined) {
      const term = idKey(s.terminal);
      let fallback = -1;
      for (const ri of typeof found === 'number' ? [found] : found) {
        const r = c.rows[ri] as AcquirerRow;
        if (c.used[ri] || !compatible(s, r)) continue;
        const rt = c.term[ri] ?? null;
        if (term !== null && rt !== null && term !== rt) continue;
        if (Math.abs(r.amountFen) === s.amountFen) {
          hit = ri;
          break;
        }
        if (fallback < 0) fallback = ri;
      }
      if (hit < 0) hit = fallback;
    }
    if (hit >= 0) pair(c, s, hit, 'exact', null);
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

const push = (map: Map<string | number, number[]>, key: string | number, i: number): void => {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
};

/** Pass 2: candidates by amount and by card, scored, assigned best first. Returns the slips left. */
const scoredPass = (c: Ctx, slips: readonly ConsoleSlip[]): ConsoleSlip[] => {
  if (slips.length === 0) return [];
  const byAmount = new Map<string | number, number[]>();
  const byCard = new Map<string | number, number[]>();
  c.rows.forEach((r, i) => {
    if (c.used[i]) return;
    push(byAmount, Math.abs(r.amountFen), i);
    if (r.last4) push(byCard, r.last4, i);
  });
  const pairs: Array<{ s: ConsoleSlip; ri: number; points: number }> = [];
  for (const s of slips) {
    const seen = new Set<number>();
    for (const list of [byAmount.get(s.amountFen), s.last4 ? byCard.get(s.last4) : undefined]) {
      for (const ri of list ?? []) {
        if (seen.has(ri)) continue;
        seen.add(ri);
        const points = score(s, c.rows[ri] as AcquirerRow, c.o.windowMs);
        if (points !== null && points >= SCORE_THRESHOLD) pairs.push({ s, ri, points });
      }
    }
  }
  pairs.sort((a, b) => b.points - a.points || a.s.at - b.s.at || a.ri - b.ri);
  const usedSlip = new Set<string>();
  for (const p of pairs) {
    if (usedSlip.has(p.s.id) || c.used[p.ri]) continue;
    usedSlip.add(p.s.id);
    pair(c, p.s, p.ri, 'scored', Math.round(p.points));
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
  const rows = input.rows;
  const c: Ctx = { o: { ...DEFAULT_MATCH_OPTIONS, ...options }, rows, items: [], used: new Uint8Array(rows.length), rrn: rows.map((r) => idKey(r.rrn)), term: rows.map((r) => idKey(r.terminal)) };
  duplicates(c);
  const afterExact = exactPass(c, input.slips);
  probe?.();
  const left = scoredPass(c, afterExact);
  probe?.();
  for (const s of left) c.items.push(matchItem('missing-at-acquirer', s.day, s.amountFen, { slipId: s.id, pass: 'scored' }));
  rows.forEach((r, i) => {
    if (!c.used[i]) c.items.push(matchItem('missing-in-console', r.day, Math.abs(r.amountFen), { rowId: r.id, feeFen: r.feeFen, pass: 'scored' }));
  });
  for (const item of matchDeposits(rows, input.bank, c.o)) c.items.push(item);
  probe?.();
  return c.items;
};
