import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { buildTreeInUpgrade } from './audit-tree';
import type { LegacyOperatorRecord, OperatorRecord } from './records';
import { SCHEMA_V1, SCHEMA_V3_CHANGES } from './schema';

/** Schema 3: PIN hashes leave `operators` for `operatorImport`, until main has them (operator-session). */
const stageLegacyOperators = async (tx: Transaction): Promise<void> => {
  const operators = tx.table<OperatorRecord & Partial<LegacyOperatorRecord>, string>('operators');
  const legacy = (await operators.toArray()).filter((op): op is LegacyOperatorRecord => typeof op.pinHash === 'string');
  if (legacy.length === 0) return;
  await tx.table<LegacyOperatorRecord, string>('operatorImport').bulkPut(legacy);
  await operators.bulkPut(legacy.map(({ id, name, role, createdAt, disabled }) => ({ id, name, role, createdAt, disabled })));
};

/**
 * The migration pattern: each version lists its stores; when a version moves data it adds
 * `.upgrade(tx => ...)`, written to be idempotent and chunked (never a whole-table array).
 * Example for a future v2:
 *   db.version(2).stores({ ...SCHEMA_V1, sales: SCHEMA_V1.sales + ', batch' })
 *     .upgrade(tx => tx.table('sales').toCollection().modify(s => { s.batch ??= null; }));
 */
export const applyMigrations = (db: Dexie): void => {
  db.version(1).stores(SCHEMA_V1);
  // Schema 3 (issue 13): the audit log's Merkle tree over existing entries, signed checkpoints,
  // and PIN hashes moved out of `operators` (main holds PINs now).
  db.version(3)
    .stores(SCHEMA_V3_CHANGES)
    .upgrade(async (tx) => {
      await stageLegacyOperators(tx);
      await buildTreeInUpgrade(tx);
    });
};
