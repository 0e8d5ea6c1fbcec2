import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-file';
import type { Logger } from '../services/logger';

/**
 * Back-off and lockout for PIN attempts (RULES 6; PCI DSS 8.3.4: lock out after at most 10
 * attempts, for at least 30 minutes or until a manager resets the PIN), per operator and per
 * console, kept in `<data>/auth/pin-attempts.json` so a restart does not wipe the count.
 *
 * Per operator: 3 free attempts, then a wait that doubles (2 s, 4 s, … 2 min), and after 10
 * failures in a row the operator is locked out for 30 minutes or until a manager resets the
 * PIN. Per console (every attempt at this counter, whoever it names): 5 free attempts, then a
 * doubling wait, and after 20 in a row the console takes no PIN for 15 minutes. A success
 * clears the operator's count and the console's.
 */
export const OPERATOR_POLICY = { free: 3, baseMs: 2_000, maxWaitMs: 120_000, lockoutAfter: 10, lockoutMs: 30 * 60_000 } as const;
export const CONSOLE_POLICY = { free: 5, baseMs: 2_000, maxWaitMs: 120_000, lockoutAfter: 20, lockoutMs: 15 * 60_000 } as const;
export type ThrottlePolicy = typeof OPERATOR_POLICY | typeof CONSOLE_POLICY;

const Counter = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number(), blockedUntil: z.number() });
type Counter = z.infer<typeof Counter>;
const FileShape = z.object({ version: z.literal(1), counters: z.record(z.string(), Counter) });

export const CONSOLE_KEY = 'console';
export const operatorKey = (operatorId: string): string => `operator:${operatorId}`;

export interface ThrottleVerdict {
  /** 'backoff': wait, then try; 'locked-out': the lockout threshold was reached. */
  blocked: 'backoff' | 'locked-out' | null;
  retryAfterMs: number | null;
}

/** Wait after the n-th failure in a row under a policy (0 while attempts are free). */
export const waitAfter = (failures: number, policy: ThrottlePolicy): { waitMs: number; lockedOut: boolean } => {
  if (failures >= policy.lockoutAfter) return { waitMs: policy.lockoutMs, lockedOut: true };
  if (failures < policy.free) return { waitMs: 0, lockedOut: false };
  return { waitMs: Math.min(policy.maxWaitMs, policy.baseMs * 2 ** (failures - policy.free)), lockedOut: false };
};

export class PinThrottle {
  readonly file: string;
  private counters: Record<string, Counter>;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, 'auth', 'pin-attempts.json');
    this.counters = this.load();
  }

  private load(): Record<string, Counter> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = FileShape.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data.counters;
      throw new Error(parsed.error.issues[0]?.path.join('.') ?? 'invalid');
    } catch (error) {
      // Failing open would forget a lockout: treat a damaged file as the console at its lockout.
      this.logger.error('auth.pin-attempts-damaged', { file: this.file, error: error instanceof Error ? error.message : String(error) });
      const now = Date.now();
      return { [CONSOLE_KEY]: { failures: CONSOLE_POLICY.lockoutAfter, lastFailureAt: now, blockedUntil: now + CONSOLE_POLICY.lockoutMs } };
    }
  }

  private save(): void {
    writeFileAtomic(this.file, `${JSON.stringify({ version: 1, counters: this.counters })}\n`);
  }

  private policyOf(key: string): ThrottlePolicy {
    return key === CONSOLE_KEY ? CONSOLE_POLICY : OPERATOR_POLICY;
  }

  /** Whether an attempt naming this operator may be heard now (checked before the PIN is). */
  check(operatorId: string, now: number): ThrottleVerdict {
    let worst: ThrottleVerdict = { blocked: null, retryAfterMs: null };
    for (const key of [operatorKey(operatorId), CONSOLE_KEY]) {
      const c = this.counters[key];
      if (!c || c.blockedUntil <= now) continue;
      const lockedOut = c.failures >= this.policyOf(key).lockoutAfter;
      const wait = c.blockedUntil - now;
      if (worst.retryAfterMs === null || wait > worst.retryAfterMs || lockedOut) worst = { blocked: lockedOut ? 'locked-out' : 'backoff', retryAfterMs: wait };
    }
    return worst;
  }

  /** Records a wrong PIN; returns the wait now in force for this operator. */
  failure(operatorId: string, now: number): ThrottleVerdict {
    for (const key of [operatorKey(operatorId), CONSOLE_KEY]) {
      const c = this.counters[key] ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0 };
      const failures = c.failures + 1;
      const { waitMs } = waitAfter(failures, this.policyOf(key));
      this.counters[key] = { failures, lastFailureAt: now, blockedUntil: waitMs > 0 ? now + waitMs : 0 };
    }
    this.save();
    return this.check(operatorId, now);
  }

  /** A right PIN: the operator's and the console's counts start again. */
  success(operatorId: string): void {
    const key = operatorKey(operatorId);
    if (!this.counters[key] && !this.counters[CONSOLE_KEY]) return;
    delete this.counters[key];
    delete this.counters[CONSOLE_KEY];
    this.save();
  }

  /** A manager reset the operator's PIN: their lockout ends. */
  clearOperator(operatorId: string): void {
    if (!this.counters[operatorKey(operatorId)]) return;
    delete this.counters[operatorKey(operatorId)];
    this.save();
  }

  failuresOf(operatorId: string): number {
    return this.counters[operatorKey(operatorId)]?.failures ?? 0;
  }
}
