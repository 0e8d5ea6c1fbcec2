import { hashPin, needsNewPin, pinProblem, verifyPin } from '../../shared/domain/pin';
import type { ApprovalOutcome, ApprovalPurpose, PinRefusal, SessionState, SignInOutcome } from '../../shared/ipc/commands/auth';
import { CommandError } from '../../shared/ipc/envelope';
import type { Journal, JournalInput } from '../audit/journal';
import type { Sender } from '../ipc/router';
import type { EventBus } from '../services/event-bus';
import type { SettingsStore } from '../services/settings-store';
import type { Approvals } from './approvals';
import { toPublic } from './operator-store';
import type { OperatorStore, StoredOperator } from './operator-store';
import type { PinThrottle } from './pin-throttle';
import type { SessionRegistry } from './session-registry';

export interface AuthDeps {
  store: OperatorStore;
  throttle: PinThrottle;
  sessions: SessionRegistry;
  approvals: Approvals;
  journal: Journal;
  settings: SettingsStore;
  events: EventBus;
  now: () => number;
}

type PinAction = 'login' | 'unlock' | 'manager-approval' | 'pin-change';

/**
 * Sign-in, unlock, lock, sign-out, PIN change and manager approvals: every PIN is checked here,
 * in main, one at a time (so parallel guesses cannot slip past the back-off), and every
 * attempt, good or bad, is journaled without the PIN.
 */
export class AuthService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: AuthDeps) {}

  /** Runs PIN work one at a time: a check reads the back-off the previous one wrote. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  state(senderId: string): SessionState {
    const idleLockMinutes = this.d.settings.get().general.idleLockMinutes;
    const s = this.d.sessions.get(senderId);
    const op = s ? this.d.store.get(s.operatorId) : undefined;
    if (!s || !op) return { state: 'signed-out', operator: null, idle: false, idleLockMinutes };
    return { state: s.phase, operator: toPublic(op), idle: s.idle, idleLockMinutes };
  }

  /** The operator id behind a sender's session ('' when none): the actor of journal entries. */
  actorOf(senderId: string): string {
    return this.d.sessions.get(senderId)?.operatorId ?? '';
  }

  notify(senderId: string): void {
    this.d.events.emitTo([senderId], 'auth:session-changed', this.state(senderId));
  }

  journal(input: JournalInput): void {
    this.d.journal.append(input);
  }

  private refusal(reason: PinRefusal['reason'], retryAfterMs: number | null = null): PinRefusal {
    return { ok: false, reason, retryAfterMs };
  }

  /** Checks one operator's PIN under the back-off; journals the attempt as `action`. */
  private async checkPin(sender: Sender, operatorId: string, pin: string, action: PinAction, detail: Record<string, unknown>): Promise<{ ok: true; op: StoredOperator } | PinRefusal> {
    const actor = action === 'manager-approval' ? this.actorOf(sender.id) : operatorId;
    const record = (result: 'ok' | 'fail', extra: Record<string, unknown>): void =>
      this.journal({ actor, action, objectType: 'operator', objectId: operatorId, result, detail: { ...detail, ...extra, sender: sender.label } });
    if (sender.customer) {
      record('fail', { reason: 'customer-window' });
      return this.refusal('customer-window');
    }
    const op = this.d.store.get(operatorId);
    if (!op) {
      record('fail', { reason: 'unknown-operator' });
      return this.refusal('unknown-operator');
    }
    const now = this.d.now();
    const wait = this.d.throttle.check(operatorId, now);
    if (wait.blocked) {
      record('fail', { reason: wait.blocked, retryAfterMs: wait.retryAfterMs });
      return this.refusal(wait.blocked, wait.retryAfterMs);
    }
    if (op.disabled) {
      record('fail', { reason: 'disabled' });
      return this.refusal('disabled');
    }
    if (!(await verifyPin(pin, op))) {
      const after = this.d.throttle.failure(operatorId, this.d.now());
      const lockedOut = after.blocked === 'locked-out';
      record('fail', { reason: 'wrong-pin', failures: this.d.throttle.failuresOf(operatorId), lockedOut, retryAfterMs: after.retryAfterMs });
      return this.refusal(lockedOut ? 'locked-out' : 'wrong-pin', after.retryAfterMs);
    }
    this.d.throttle.success(operatorId);
    return { ok: true, op };
  }

  signIn(sender: Sender, operatorId: string, pin: string): Promise<SignInOutcome> {
    return this.serial(async () => {
      const current = this.d.sessions.get(sender.id);
      const action: PinAction = current?.operatorId === operatorId && current.phase === 'locked' ? 'unlock' : 'login';
      const r = await this.checkPin(sender, operatorId, pin, action, {});
      if (!r.ok) return r;
      const mustChange = r.op.mustChangePin || needsNewPin(pin);
      if (current && current.operatorId !== operatorId) {
        this.journal({ actor: current.operatorId, action: 'logout', objectType: 'operator', objectId: current.operatorId, result: 'ok', detail: { reason: 'switched', sender: sender.label } });
      }
      if (action === 'unlock' && !mustChange) this.d.sessions.activate(sender.id);
      else this.d.sessions.start(sender.id, operatorId, mustChange ? 'pin-change' : 'active');
      this.journal({ actor: operatorId, action, objectType: 'operator', objectId: operatorId, result: 'ok', detail: { sender: sender.label, ...(mustChange ? { mustChangePin: true } : {}) } });
      return { ok: true, session: this.state(sender.id) };
    });
  }

  touch(sender: Sender): SessionState {
    this.d.sessions.touch(sender.id);
    return this.state(sender.id);
  }

  lock(sender: Sender): SessionState {
    const before = this.d.sessions.get(sender.id);
    if (before?.phase === 'active') {
      this.d.sessions.lock(sender.id);
      this.journal({ actor: before.operatorId, action: 'lock', objectType: 'operator', objectId: before.operatorId, result: 'ok', detail: { sender: sender.label } });
    }
    return this.state(sender.id);
  }

  signOut(sender: Sender, reason: 'sign-out' | 'disconnected' = 'sign-out'): SessionState {
    const ended = this.d.sessions.end(sender.id);
    if (ended) this.journal({ actor: ended.operatorId, action: 'logout', objectType: 'operator', objectId: ended.operatorId, result: 'ok', detail: { reason, sender: sender.label } });
    return this.state(sender.id);
  }

  /** Main locked a session for idleness (called by the session registry). */
  idleLocked(senderId: string, operatorId: string): void {
    this.journal({ actor: operatorId, action: 'lock.idle', objectType: 'operator', objectId: operatorId, result: 'ok', detail: { idleLockMinutes: this.d.settings.get().general.idleLockMinutes } });
    this.notify(senderId);
  }

  changePin(sender: Sender, newPin: string, currentPin: string | undefined): Promise<SignInOutcome> {
    return this.serial(async () => {
      const s = this.d.sessions.get(sender.id);
      if (!s) throw new CommandError('FORBIDDEN_ROLE', 'sign in first', 'not-signed-in');
      if (s.phase === 'locked') throw new CommandError('FORBIDDEN_ROLE', 'the session is locked', 'locked');
      if (s.phase === 'active') {
        const r = await this.checkPin(sender, s.operatorId, currentPin ?? '', 'pin-change', {});
        if (!r.ok) return r;
      }
      const problem = pinProblem(newPin);
      if (problem) throw new CommandError('VALIDATION', `new PIN refused: ${problem}`, problem);
      const op = this.d.store.get(s.operatorId);
      if (!op) throw new CommandError('NOT_FOUND', 'operator not found', 'not-found');
      if (await verifyPin(newPin, op)) throw new CommandError('VALIDATION', 'the new PIN must differ from the old one', 'pin-reused');
      this.d.store.update(op.id, { ...(await hashPin(newPin)), mustChangePin: false }, this.d.now());
      this.d.sessions.activate(sender.id);
      this.journal({ actor: op.id, action: 'operator.pin-change', objectType: 'operator', objectId: op.id, result: 'ok', detail: { required: s.phase === 'pin-change', sender: sender.label } });
      return { ok: true, session: this.state(sender.id) };
    });
  }

  approve(sender: Sender, input: { managerId: string; pin: string; purpose: ApprovalPurpose; saleId: string | null }): Promise<ApprovalOutcome> {
    return this.serial(async () => {
      const requestedBy = this.actorOf(sender.id);
      const detail = { purpose: input.purpose, saleId: input.saleId, requestedBy };
      const manager = this.d.store.get(input.managerId);
      if (!manager || manager.role !== 'manager') {
        this.journal({ actor: requestedBy, action: 'manager-approval', objectType: 'operator', objectId: input.managerId, result: 'fail', detail: { ...detail, reason: 'not-a-manager', sender: sender.label } });
        return this.refusal('not-a-manager');
      }
      const r = await this.checkPin(sender, input.managerId, input.pin, 'manager-approval', detail);
      if (!r.ok) return r;
      const grant = this.d.approvals.grant({ purpose: input.purpose, saleId: input.saleId, managerId: manager.id, requestedBy, senderId: sender.id });
      this.journal({ actor: requestedBy, action: 'manager-approval', objectType: 'operator', objectId: manager.id, result: 'ok', detail: { ...detail, sender: sender.label } });
      return { ok: true, grantId: grant.id, manager: toPublic(manager), expiresAt: new Date(grant.expiresAt).toISOString() };
    });
  }
}
