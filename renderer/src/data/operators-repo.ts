import type { PublicOperator } from '../../../shared/ipc/commands/auth';
import type { CountersignDb } from './db';
import type { LegacyOperatorRecord, OperatorRecord } from './records';

/**
 * The operators as main holds them (RULES.md 6), mirrored here for display only: main is the
 * source (`auth:operators`, `auth:operators-changed`) and this table follows it. No PIN is
 * kept here: from schema 3 main checks every PIN. The only writer is `mirrorOperators`.
 */
export type { PublicOperator };

export const NAME_MAX_LENGTH = 32;

const toRecord = (op: PublicOperator): OperatorRecord => ({ id: op.id, name: op.name, role: op.role, disabled: op.disabled, createdAt: op.createdAt });

/** Everyone, by name (audit screen, sale detail). */
export const listOperators = async (db: CountersignDb): Promise<PublicOperator[]> => (await db.operators.orderBy('name').toArray()).map(toRecord);

/** Names of the operators with these ids (reports and exports print names, not ids). */
export const operatorNamesByIds = async (db: CountersignDb, ids: readonly string[]): Promise<Map<string, string>> => {
  const rows = await db.operators.bulkGet([...ids]);
  return new Map(rows.filter((r) => r !== undefined).map((r) => [r.id, r.name]));
};

/** One operator by id (a slip names who took the sale). */
export const getOperatorRecord = (db: CountersignDb, id: string): Promise<OperatorRecord | undefined> => db.operators.get(id);

/**
 * Makes the table equal main's list: adds, updates and removes in one transaction, writing only
 * rows that changed. A name taken by another id in the unique index is cleared first.
 */
export const mirrorOperators = (db: CountersignDb, operators: readonly PublicOperator[]): Promise<void> =>
  db.transaction('rw', db.operators, async () => {
    const current = new Map((await db.operators.toArray()).map((op) => [op.id, op]));
    const wanted = new Map(operators.map((op) => [op.id, toRecord(op)]));
    const gone = [...current.keys()].filter((id) => !wanted.has(id));
    const changed = [...wanted.values()].filter((op) => JSON.stringify(toRecord(current.get(op.id) ?? op)) !== JSON.stringify(op) || !current.has(op.id));
    if (gone.length === 0 && changed.length === 0) return;
    await db.operators.bulkDelete([...gone, ...changed.map((op) => op.id)]);
    await db.operators.bulkAdd(changed);
  });

/** Operators with PIN hashes from before schema 3, not yet handed to main. */
export const legacyOperators = (db: CountersignDb): Promise<LegacyOperatorRecord[]> => db.operatorImport.toArray();

/** Main has taken them over: the PIN hashes leave this database. */
export const clearLegacyOperators = (db: CountersignDb): Promise<void> => db.operatorImport.clear();
