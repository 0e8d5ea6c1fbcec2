import type Dexie from 'dexie';
import type { SaleRecord } from './records';
import type { Contribution } from './sale-totals';
import { contributions } from './sale-totals';
import { SCHEMA_V1, SCHEMA_V4 } from './schema';

/**
 * The migration pattern: each version lists its stores; when a version moves data it adds
 * `.upgrade(tx => ...)`, written to be idempotent and chunked (never a whole-table array).
 * Example for a future v2:
 *   db.version(2).stores({ ...SCHEMA_V1, sales: SCHEMA_V1.sales + ', batch' })
 *     .upgrade(tx => tx.table('sales').toCollection().modify(s => { s.batch ??= null; }));
 */
export const applyMigrations = (db: Dexie): void => {
  db.version(1).stores(SCHEMA_V1);
  // v4: end of day and reconciliation. The running totals of the sales already recorded are
  // built once here, streaming the sales by cursor (never a whole-table array) and replacing
  // whatever totals exist, so running it again gives the same rows.
  db.version(4)
    .stores(SCHEMA_V4)
    .upgrade(async (tx) => {
      const sums = new Map<string, Contribution>();
      await tx
        .table<SaleRecord, string>('sales')
        .toCollection()
        .each((s) => {
          for (const c of contributions(s)) {
            const t = sums.get(c.key);
            if (t) {
              t.count += c.count;
              t.amountFen += c.amountFen;
            } else sums.set(c.key, { ...c });
          }
        });
      const totals = tx.table('totals');
      await totals.clear();
      const rows = [...sums.values()];
      for (let i = 0; i < rows.length; i += 5000) await totals.bulkPut(rows.slice(i, i + 5000));
    });
};
