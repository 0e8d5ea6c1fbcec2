import type { CountersignDb } from './db';
import type { TotalRecord } from './records-eod';
import type { Contribution } from './sale-totals';

/**
 * Running totals per day and per batch (sale-totals.ts says what counts). Written only inside the
 * sale's own transaction (sales-repo.ts), so a report reads a handful of rows for a scope and
 * never scans the sales (ARCHITECTURE "Performance notes").
 */
export const bumpTotals = async (db: CountersignDb, delta: readonly Contribution[]): Promise<void> => {
  if (delta.length === 0) return;
  const rows = await db.totals.bulkGet(delta.map((d) => d.key));
  await db.totals.bulkPut(delta.map((d, i) => ({ ...d, count: (rows[i]?.count ?? 0) + d.count, amountFen: (rows[i]?.amountFen ?? 0) + d.amountFen })));
};

/** Every total of one day or one batch (a few dozen rows). */
export const totalsOf = (db: CountersignDb, scope: 'day' | 'batch', scopeId: string): Promise<TotalRecord[]> => db.totals.where('[scope+scopeId]').equals([scope, scopeId]).toArray();
