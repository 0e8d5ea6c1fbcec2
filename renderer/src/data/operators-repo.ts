import type { CountersignDb } from './db';
import type { OperatorRecord, Role } from './records';
import { appendAudit, auditTables } from './audit-repo';
import { setSetting } from './settings-repo';

/**
 * Operators (RULES.md 6): unique id and name, role, PIN hash. The table is small (a shop's
 * staff), so name checks read it whole inside the write transaction. PIN hashing is async
 * WebCrypto and happens before these functions are called, never inside a transaction.
 */
export interface PublicOperator {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

export const NAME_MAX_LENGTH = 32;

export const toPublic = (op: OperatorRecord): PublicOperator => ({ id: op.id, name: op.name, role: op.role, disabled: op.disabled, createdAt: op.createdAt });

/** Full-width letters folded, spaces trimmed and collapsed: "  Wang  Li " → "Wang Li". */
export const normalizeOperatorName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ');

const sameName = (a: string, b: string): boolean => normalizeOperatorName(a).toLocaleLowerCase() === normalizeOperatorName(b).toLocaleLowerCase();

/** Everyone, by name, without PIN fields (login list, operators screen). */
export const listOperators = async (db: CountersignDb): Promise<PublicOperator[]> => (await db.operators.orderBy('name').toArray()).map(toPublic);

/** First run is "no operator yet"; one key read, not a count. */
/** Names of the operators with these ids (reports and exports print names, not ids). */
export const operatorNamesByIds = async (db: CountersignDb, ids: readonly string[]): Promise<Map<string, string>> => {
  const rows = await db.operators.bulkGet([...ids]);
  return new Map(rows.filter((r) => r !== undefined).map((r) => [r.id, r.name]));
};

export const hasAnyOperator = async (db: CountersignDb): Promise<boolean> => (await db.operators.limit(1).primaryKeys()).length > 0;

export const getOperatorRecord = (db: CountersignDb, id: string): Promise<OperatorRecord | undefined> => db.operators.get(id);

/** Exact name first (unique index), then ignoring case and width. */
export const findOperatorByName = async (db: CountersignDb, name: string): Promise<OperatorRecord | undefined> => {
  const normal = normalizeOperatorName(name);
  if (!normal) return undefined;
  return (await db.operators.where('name').equals(normal).first()) ?? (await db.operators.filter((op) => sameName(op.name, normal)).first());
};

export const activeManagers = async (db: CountersignDb): Promise<OperatorRecord[]> =>
  (await db.operators.where('role').equals('manager').toArray()).filter((op) => !op.disabled);

export type OperatorWriteProblem = 'name-taken' | 'already-set-up' | 'not-found' | 'last-manager';
export type OperatorWrite<T> = { ok: true; value: T } | { ok: false; problem: OperatorWriteProblem };

/**
 * Adds an operator whose PIN is already hashed, with its audit entry, in one transaction.
 * `firstRun` refuses when any operator exists, so two windows racing at first run cannot
 * both create a manager, and records when first run completed.
 */
export const insertOperator = (db: CountersignDb, record: OperatorRecord, by: { actor: string; firstRun?: boolean }, now: number = Date.now()): Promise<OperatorWrite<PublicOperator>> =>
  db.transaction('rw', [db.operators, ...auditTables(db)], async (): Promise<OperatorWrite<PublicOperator>> => {
    const all = await db.operators.toArray();
    if (by.firstRun && all.length > 0) return { ok: false, problem: 'already-set-up' };
    if (all.some((op) => sameName(op.name, record.name))) return { ok: false, problem: 'name-taken' };
    await db.operators.add(record);
    await appendAudit(db, { actor: by.actor || record.id, action: 'operator.create', objectType: 'operator', objectId: record.id, result: 'ok', detail: { role: record.role, firstRun: Boolean(by.firstRun) } }, now);
    if (by.firstRun) await setSetting(db, 'firstRun.completedAt', now, now);
    return { ok: true, value: toPublic(record) };
  });

/** Disables or re-enables an operator; the last active manager cannot be disabled. */
export const updateOperatorDisabled = (db: CountersignDb, operatorId: string, disabled: boolean, actor: string, now: number = Date.now()): Promise<OperatorWrite<PublicOperator>> =>
  db.transaction('rw', [db.operators, ...auditTables(db)], async (): Promise<OperatorWrite<PublicOperator>> => {
    const op = await db.operators.get(operatorId);
    if (!op) return { ok: false, problem: 'not-found' };
    if (disabled && op.role === 'manager' && !op.disabled) {
      const managers = (await db.operators.where('role').equals('manager').toArray()).filter((m) => !m.disabled);
      if (managers.length <= 1) return { ok: false, problem: 'last-manager' };
    }
    const next: OperatorRecord = { ...op, disabled };
    await db.operators.put(next);
    await appendAudit(db, { actor, action: disabled ? 'operator.disable' : 'operator.enable', objectType: 'operator', objectId: operatorId, result: 'ok' }, now);
    return { ok: true, value: toPublic(next) };
  });
