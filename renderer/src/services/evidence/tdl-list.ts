import type { CountersignDb } from '../../data/db';
import { saleTimes, salesWithRrn } from '../../data/evidence-repo';

/**
 * A bank's 调单 list as pasted: one RRN or sale id per line. Each line is matched against the
 * sales kept here (a sale id exactly, else the host's reference number: an RRN can name a sale
 * and its void), so the screen can show which lines matched and which did not before exporting
 * the matched sales.
 */
export const MAX_TDL_LINES = 2000;

export interface TdlMatch {
  /** Lines that named at least one sale, with the sales, in the order pasted. */
  matched: Array<{ ref: string; saleIds: string[] }>;
  unmatched: string[];
  /** Every matched sale once. */
  saleIds: string[];
}

const SALE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lines of a pasted list: trimmed, empty lines and repeats dropped; commas, tabs and semicolons split too (spreadsheets). */
export const parseTdlList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\r\n,;\t]+/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  ),
];

export const matchTdlList = async (db: CountersignDb, refs: readonly string[]): Promise<TdlMatch> => {
  const ids = refs.filter((r) => SALE_ID.test(r)).map((r) => r.toLowerCase());
  const known = await saleTimes(db, ids);
  const matched: TdlMatch['matched'] = [];
  const unmatched: string[] = [];
  const all = new Set<string>();
  for (const ref of refs) {
    const byId = SALE_ID.test(ref) && known.has(ref.toLowerCase()) ? [ref.toLowerCase()] : [];
    const found = byId.length > 0 ? byId : (await salesWithRrn(db, ref)).map((s) => s.id);
    if (found.length === 0) unmatched.push(ref);
    else {
      matched.push({ ref, saleIds: found });
      found.forEach((id) => all.add(id));
    }
  }
  return { matched, unmatched, saleIds: [...all] };
};
