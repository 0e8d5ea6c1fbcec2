import { z } from 'zod';
import { UUID_V7 } from '../../domain/ids';
import { PIN_MAX_LENGTH } from '../../domain/pin';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

/**
 * Operators, sessions and manager approvals, all held by main (ARCHITECTURE "Authority").
 * Main keeps each window's or connection's session (a reload or restart asks for the PIN
 * again), checks PINs with back-off and lockout, and grants one-time manager approvals. The
 * renderer mirrors the operator list into IndexedDB for display only.
 */
export const OperatorId = z.string().regex(UUID_V7, 'expected a UUIDv7');
export const RoleSchema = z.enum(['cashier', 'manager']);
export type RoleName = z.infer<typeof RoleSchema>;
const Pin = z.string().max(PIN_MAX_LENGTH * 4);
const Name = z.string().max(64);

export const PublicOperator = z.object({
  id: OperatorId,
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  /** Unix ms. */
  createdAt: z.number().int(),
});
export type PublicOperator = z.infer<typeof PublicOperator>;

/**
 * This sender's session. `pin-change`: the PIN verified but must be replaced before anything
 * else (shorter than 6 digits, or reset by a manager). `locked`: by the operator or, with
 * `idle`, by main after `idleLockMinutes` without activity (`auth:touch`).
 */
export const SessionState = z.object({
  state: z.enum(['signed-out', 'active', 'locked', 'pin-change']),
  operator: PublicOperator.nullable(),
  idle: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionState = z.infer<typeof SessionState>;

export const PIN_FAILURES = ['wrong-pin', 'backoff', 'locked-out', 'disabled', 'unknown-operator', 'customer-window', 'not-a-manager'] as const;

/** A PIN attempt refused: why, and when the next attempt will be heard (back-off or lockout). */
export const PinRefusal = z.object({
  ok: z.literal(false),
  reason: z.enum(PIN_FAILURES),
  /** Milliseconds until the next attempt is accepted (back-off or lockout); null when no wait. */
  retryAfterMs: z.number().int().nonnegative().nullable(),
});
export type PinRefusal = z.infer<typeof PinRefusal>;

export const SignInOutcome = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), session: SessionState }), PinRefusal]);
export type SignInOutcome = z.infer<typeof SignInOutcome>;

export const SALE_APPROVAL_PURPOSES = ['void', 'refund', 'exemption'] as const;
/** End of day and reconciliation (issue 16): closing the batch, a mismatch's note or dispute case, locking a day, an export. */
export const SETTLEMENT_APPROVAL_PURPOSES = ['settlement-close', 'settlement-note', 'settlement-dispute', 'settlement-lock', 'settlement-export'] as const;
export const APPROVAL_PURPOSES = [...SALE_APPROVAL_PURPOSES, ...SETTLEMENT_APPROVAL_PURPOSES] as const;
export const ApprovalPurpose = z.enum(APPROVAL_PURPOSES);
export type ApprovalPurpose = z.infer<typeof ApprovalPurpose>;

/** A one-time grant: used by the void / refund (`acquirer:authorize`) or exemption it names, or the batch close (`acquirer:settle`). */
export const GrantId = z.string().regex(/^ag_[A-Za-z0-9_-]{22}$/, 'expected a grant id');

export const ApprovalOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), grantId: GrantId, manager: PublicOperator, expiresAt: z.string() }),
  PinRefusal,
]);
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

/** Why an operator change was refused (VALIDATION / CONFLICT / NOT_FOUND reasons). */
export const OPERATOR_ERROR_REASONS = ['name-required', 'name-taken', 'pin-format', 'pin-weak', 'pin-reused', 'already-set-up', 'not-found', 'last-manager', 'self'] as const;

/** An operator record from before PINs moved to main (IndexedDB schema 1-2), handed over once. */
export const LegacyOperator = PublicOperator.extend({
  pinHash: z.string().max(100),
  pinSalt: z.string().max(100),
  pinIterations: z.number().int().positive(),
}).strict();

const Empty = z.object({}).strict();

export const authCommands = {
  /** Everyone, without PIN fields (the login list; the renderer mirrors it into IndexedDB). */
  'auth:operators': command(Empty, z.object({ operators: z.array(PublicOperator) })),
  /** First run only (no operator yet): creates the manager and signs this sender in. */
  'auth:first-run': command(z.object({ name: Name, pin: Pin }).strict(), SessionState),
  /**
   * Hands over operators kept in IndexedDB before PINs moved to main; accepted only while main
   * has no operator, so it can never add one to a console that is set up.
   */
  'auth:import-operators': command(z.object({ operators: z.array(LegacyOperator).min(1).max(500) }).strict(), z.object({ imported: z.number().int() })),
  /** Sign in (or unlock the locked session) with an operator's PIN. */
  'auth:sign-in': command(z.object({ operatorId: OperatorId, pin: Pin }).strict(), SignInOutcome),
  'auth:session': command(Empty, SessionState),
  /** The person at the counter is active: main's idle clock starts again. */
  'auth:touch': command(Empty, SessionState),
  'auth:lock': command(Empty, SessionState),
  'auth:sign-out': command(Empty, SessionState),
  /**
   * Sets the signed-in operator's own PIN. In `pin-change` state the PIN just typed is proof;
   * otherwise `currentPin` is checked (with the same back-off as a sign-in).
   */
  'auth:change-pin': command(z.object({ currentPin: Pin.optional(), newPin: Pin }).strict(), SignInOutcome),
  /**
   * A named manager approves, with their PIN, a void, refund or exemption of one sale (`saleId`),
   * or an end-of-day action (`saleId` null): a one-time grant.
   */
  'auth:approve': command(
    z
      .object({ managerId: OperatorId, pin: Pin, purpose: ApprovalPurpose, saleId: z.string().regex(UUID_V7, 'expected a UUIDv7').nullable() })
      .strict()
      .refine((r) => (r.saleId === null) === r.purpose.startsWith('settlement-'), { message: 'a sale approval names its sale; an end-of-day approval names none', path: ['saleId'] }),
    ApprovalOutcome,
  ),
  'auth:add-operator': command(z.object({ name: Name, pin: Pin, role: RoleSchema }).strict(), PublicOperator),
  'auth:set-disabled': command(z.object({ operatorId: OperatorId, disabled: z.boolean() }).strict(), PublicOperator),
  /** A manager sets a new PIN for an operator (forgotten, or locked out); it must be changed at next sign-in. */
  'auth:reset-pin': command(z.object({ operatorId: OperatorId, pin: Pin }).strict(), PublicOperator),
} satisfies Record<string, CommandSpec>;

export const authEvents = {
  /** Sent to one window or connection: its session changed (idle lock, signed out elsewhere). */
  'auth:session-changed': SessionState,
  /** The operator list changed (added, disabled, role): the renderer refreshes its mirror. */
  'auth:operators-changed': z.object({ operators: z.array(PublicOperator) }),
};
