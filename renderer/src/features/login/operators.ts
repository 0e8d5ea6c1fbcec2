import { hashPin, isPinFormat, isWeakPin, verifyPin } from '../../../../shared/domain/pin';
import { uuidv7 } from '../../../../shared/domain/ids';
import type { CountersignDb } from '../../data/db';
import type { OperatorRecord, Role } from '../../data/records';
import { appendAudit } from '../audit/audit-log';
import { listOperators, toPublic } from '../../data/operators-repo';
import type { PublicOperator } from '../../data/operators-repo';

export type OperatorProblem = 'name-required' | 'name-taken' | 'pin-format' | 'pin-weak';

export type { PublicOperator };
export { listOperators };

export const hasOperators = async (db: CountersignDb): Promise<boolean> => (await db.operators.limit(1).count()) > 0;

/**
 * Adds an operator. The PIN is hashed before the transaction (WebCrypto is async and would
 * end an IndexedDB transaction); the uniqueness check and the write happen together.
 */
export const addOperator = async (
  db: CountersignDb,
  input: { name: string; pin: string; role: Role; createdBy: string },
): Promise<{ ok: true; operator: PublicOperator } | { ok: false; problem: OperatorProblem }> => {
  const name = input.name.trim();
  if (!name) return { ok: false, problem: 'name-required' };
  if (!isPinFormat(input.pin)) return { ok: false, problem: 'pin-format' };
  if (isWeakPin(input.pin)) return { ok: false, problem: 'pin-weak' };
  const hashed = await hashPin(input.pin);
  const record: OperatorRecord = { id: uuidv7(), name, role: input.role, createdAt: Date.now(), disabled: false, ...hashed };
  return db.transaction('rw', db.operators, db.audit, db.settings, async () => {
    if (await db.operators.where('name').equals(name).first()) return { ok: false as const, problem: 'name-taken' as const };
    await db.operators.add(record);
    await appendAudit(db, { actor: input.createdBy || record.id, action: 'operator.create', objectType: 'operator', objectId: record.id, result: 'ok', detail: { role: record.role } });
    return { ok: true as const, operator: toPublic(record) };
  });
};

/** First run only: refused once any operator exists, so it cannot be used to add a second manager. */
export const createFirstManager = async (db: CountersignDb, name: string, pin: string) => {
  if (await hasOperators(db)) return { ok: false as const, problem: 'name-taken' as OperatorProblem };
  return addOperator(db, { name, pin, role: 'manager', createdBy: '' });
};

/** Checks an operator's PIN and audits the attempt (never the PIN itself). */
export const checkPin = async (db: CountersignDb, operatorId: string, pin: string, action: 'login' | 'unlock' | 'manager-approval'): Promise<PublicOperator | null> => {
  const op = await db.operators.get(operatorId);
  const ok = Boolean(op && !op.disabled && (await verifyPin(pin, op)));
  await appendAudit(db, { actor: operatorId, action, objectType: 'operator', objectId: operatorId, result: ok ? 'ok' : 'fail', detail: op?.disabled ? { disabled: true } : {} });
  return ok && op ? toPublic(op) : null;
};

export const setOperatorDisabled = async (db: CountersignDb, operatorId: string, disabled: boolean, by: string): Promise<void> => {
  await db.transaction('rw', db.operators, db.audit, db.settings, async () => {
    await db.operators.update(operatorId, { disabled });
    await appendAudit(db, { actor: by, action: disabled ? 'operator.disable' : 'operator.enable', objectType: 'operator', objectId: operatorId, result: 'ok' });
  });
};

/**
 * A manager approves at the counter by typing their PIN (void, refund, exemption). Every
 * active manager's PIN is tried; one audit entry records the attempt and who approved.
 */
export const approveWithManagerPin = async (db: CountersignDb, pin: string, requestedBy: string, purpose: string): Promise<PublicOperator | null> => {
  const managers = (await db.operators.where('role').equals('manager').toArray()).filter((m) => !m.disabled);
  let approver: OperatorRecord | null = null;
  for (const m of managers) {
    if (await verifyPin(pin, m)) {
      approver = m;
      break;
    }
  }
  await appendAudit(db, {
    actor: requestedBy,
    action: 'manager-approval',
    objectType: 'operator',
    objectId: approver?.id ?? requestedBy,
    result: approver ? 'ok' : 'fail',
    detail: { purpose },
  });
  return approver ? toPublic(approver) : null;
};
