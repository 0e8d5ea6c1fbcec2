import { matchItem } from './match-types';
import type { AcquirerRow, BankRow, MatchItem, MatchOptions } from './match-types';
import { daysBetween } from './values';
import type { Day } from './values';

/**
 * Settlement ↔ bank: card money arrives as one deposit per settlement day (or per batch), the
 * sales less fees, voids and refunds. Each group's net is looked for among the bank's credits in
 * the days after: the same amount is matched; a settlement-looking credit of another amount is
 * "different"; nothing is "missing". A second credit of a matched amount is "duplicated".
 */
const SETTLEMENT_MEMO = /银联|清算|结算|收单|pos|刷卡|unionpay|settle|acquir|merchant/i;

interface Group {
  id: string;
  day: Day;
  batch: string | null;
  netFen: number;
}

const netOf = (r: AcquirerRow): number => r.netFen ?? r.amountFen - (r.kind === 'sale' ? (r.feeFen ?? 0) : -(Math.abs(r.feeFen ?? 0)));

export const depositGroups = (rows: readonly AcquirerRow[], by: MatchOptions['depositBy']): Group[] => {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const day = r.settleDay ?? r.day;
    const id = by === 'batch' && r.batch ? `batch:${r.batch}` : `day:${day}`;
    const g = groups.get(id);
    if (g) {
      g.netFen += netOf(r);
      if (day < g.day) g.day = day;
    } else groups.set(id, { id, day, batch: by === 'batch' ? r.batch : null, netFen: netOf(r) });
  }
  return [...groups.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : 1));
};

/** The memo names this group: its batch number or its day (20261123 / 2026-11-23). */
const mentions = (memo: string | null, g: Group): boolean => {
  if (!memo) return false;
  return (g.batch !== null && memo.includes(g.batch)) || memo.includes(g.day) || memo.includes(g.day.replace(/-/g, ''));
};

export const matchDeposits = (rows: readonly AcquirerRow[], bank: readonly BankRow[], o: MatchOptions): MatchItem[] => {
  const items: MatchItem[] = [];
  const credits = bank.filter((b) => b.amountFen > 0).sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || (a.id < b.id ? -1 : 1));
  const used = new Set<string>();
  const inWindow = (g: Group, b: BankRow): boolean => {
    const d = daysBetween(g.day, b.day);
    return d >= 0 && d <= o.depositWindowDays;
  };
  const matched: Array<{ g: Group; b: BankRow }> = [];
  // Only days the statement can answer for: it must reach at least the day after settlement.
  const last = bank.reduce<Day | null>((m, b) => (m === null || b.day > m ? b.day : m), null);
  if (last === null) return items;
  const groups = depositGroups(rows, o.depositBy).filter((g) => g.netFen > 0 && daysBetween(g.day, last) >= 1);
  // Exact amounts first, for every group, so a near miss never takes another group's deposit.
  for (const g of groups) {
    const candidates = credits.filter((b) => !used.has(b.id) && inWindow(g, b) && b.amountFen === g.netFen);
    const hit = candidates.find((b) => mentions(b.memo, g)) ?? candidates[0];
    if (!hit) continue;
    used.add(hit.id);
    matched.push({ g, b: hit });
    items.push(matchItem('deposit-matched', g.day, g.netFen, { bankId: hit.id, group: g.id, pass: 'deposit' }));
  }
  // A second credit of a matched amount with the same kind of memo: paid twice.
  for (const { g, b } of matched) {
    for (const again of credits) {
      if (used.has(again.id) || again.amountFen !== b.amountFen || !inWindow(g, again) || !SETTLEMENT_MEMO.test(again.memo ?? '')) continue;
      used.add(again.id);
      items.push(matchItem('duplicated', again.day, again.amountFen, { bankId: again.id, group: g.id, duplicateOf: b.id, pass: 'deposit' }));
    }
  }
  for (const g of groups) {
    if (matched.some((m) => m.g === g)) continue;
    // A credit that names another group (its batch or day) is that group's, never this one's.
    const others = groups.filter((x) => x !== g);
    const candidates = credits.filter((b) => !used.has(b.id) && inWindow(g, b) && (SETTLEMENT_MEMO.test(b.memo ?? '') || mentions(b.memo, g)) && (mentions(b.memo, g) || !others.some((x) => mentions(b.memo, x))));
    const named = candidates.filter((b) => mentions(b.memo, g));
    const pool = named.length > 0 ? named : candidates;
    const near = pool.reduce<BankRow | null>((best, b) => (best === null || Math.abs(b.amountFen - g.netFen) < Math.abs(best.amountFen - g.netFen) ? b : best), null);
    if (near) {
      used.add(near.id);
      items.push(matchItem('deposit-different', g.day, g.netFen, { bankId: near.id, group: g.id, otherFen: near.amountFen, pass: 'deposit' }));
    } else items.push(matchItem('deposit-missing', g.day, g.netFen, { group: g.id, pass: 'deposit' }));
  }
  return items;
};
