import { hashPin, isPinFormat, isWeakPin, verifyPin } from '../../../shared/domain/pin';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';
import { activeManagers, getOperatorRecord, insertOperator, normalizeOperatorName, NAME_MAX_LENGTH, toPublic, updateOperatorDisabled } from '../data/operators-repo';
import type { PublicOperator } from '../data/operators-repo';
import type { OperatorRecord, Role } from '../data/records';

/**
 * Operators and PINs (RULES 6), over the one operators repository (names unique ignoring case and
 * width). PINs are hashed (PBKDF2, WebCrypto) before any transaction. Manager approval is one
 * function, `approveWithManagerPin`, handed to the services as `approveAsManager`, so it can move
 * to main (operator sessions and approvals in main) without touching the workflows.
 */
export type OperatorProblem = 'name-required' | 'name-too-long' | 'name-taken' | 'pin-format' | 'pin-weak' | 'already-set-up' | 'not-found' | 'last-manager';

export type OperatorResult = { ok: true; operator: PublicOperator } | { ok: false; problem: OperatorProblem };

export const addOperator = async (db: CountersignDb, input: { name: string; pin: string; role: Role; createdBy: string; firstRun?: boolean }): Promise<OperatorResult> => {
  const name = normalizeOperatorName(input.name);
  if (!name) return { ok: false, problem: 'name-required' };
  if (name.length > NAME_MAX_LENGTH) return { ok: false, problem: 'name-too-long' };
  if (!isPinFormat(input.pin)) return { ok: false, problem: 'pin-format' };
  if (isWeakPin(input.pin)) return { ok: false, problem: 'pin-weak' };
  const record: OperatorRecord = { id: uuidv7(), name, role: input.role, createdAt: Date.now(), disabled: false, ...(await hashPin(input.pin)) };
  const written = await insertOperator(db, record, { actor: input.createdBy, firstRun: input.firstRun ?? false });
  return written.ok ? { ok: true, operator: written.value } : { ok: false, problem: written.problem };
};

/** First run only: refused once any operator exists, so it cannot be used to add a second manager. */
export const createFirstManager = (db: CountersignDb, name: string, pin: string): Promise<OperatorResult> => addOperator(db, { name, pin, role: 'manager', createdBy: '', firstRun: true });

export const setOperatorDisabled = async (db: CountersignDb, operatorId: string, disabled: boolean, by: string): Promise<OperatorProblem | null> => {
  const written = await updateOperatorDisabled(db, operatorId, disabled, by);
  return written.ok ? null : written.problem;
};

/** Checks an operator's PIN and audits the attempt (never the PIN itself). */
export const checkPin = async (db: CountersignDb, operatorId: string, pin: string, action: 'login' | 'unlock'): Promise<PublicOperator | null> => {
  const op = await getOperatorRecord(db, operatorId);
  const ok = Boolean(op && !op.disabled && (await verifyPin(pin, op)));
  await appendAudit(db, { actor: operatorId, action, objectType: 'operator', objectId: operatorId, result: ok ? 'ok' : 'fail', detail: op?.disabled ? { disabled: true } : {} });
  return ok && op ? toPublic(op) : null;
};

/**
 * A manager approves at the counter by typing their PIN (void, refund, exemption). Every active
 * manager's PIN is tried; one audit entry records the attempt, its purpose and who approved.
 */
export const approveWithManagerPin = async (db: CountersignDb, pin: string, requestedBy: string, purpose: string): Promise<PublicOperator | null> => {
  let approver: OperatorRecord | null = null;
  for (const m of await activeManagers(db)) {
    if (await verifyPin(pin, m)) {
      approver = m;
      break;
    }
  }
  await appendAudit(db, { actor: requestedBy, action: 'manager-approval', objectType: 'operator', objectId: approver?.id ?? requestedBy, result: approver ? 'ok' : 'fail', detail: { purpose } });
  return approver ? toPublic(approver) : null;
};
