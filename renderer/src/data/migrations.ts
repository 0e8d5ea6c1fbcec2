import type Dexie from 'dexie';
import { SCHEMA_V1 } from './schema';

/**
 * The migration pattern: each version lists its stores; when a version moves data it adds
 * `.upgrade(tx => ...)`, written to be idempotent and chunked (never a whole-table array).
 * Example for a future v2:
 *   db.version(2).stores({ ...SCHEMA_V1, sales: SCHEMA_V1.sales + ', batch' })
 *     .upgrade(tx => tx.table('sales').toCollection().modify(s => { s.batch ??= null; }));
 */
export const applyMigrations = (db: Dexie): void => {
  db.version(1).stores(SCHEMA_V1);
};
