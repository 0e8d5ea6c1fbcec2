import type { ApprovalPurpose, PinRefusal, PublicOperator, SessionState } from '../../../shared/ipc/commands/auth';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { adoptDeviceId } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';
import { clearLegacyOperators, legacyOperators, mirrorOperators } from '../data/operators-repo';
import { CheckpointScheduler } from './audit-checkpoints';
import { JournalIntake } from './journal-intake';
import { fireAndLog } from './logger';
import type { Logger } from './logger';

/**
 * Who is at this window's counter, as main says (ARCHITECTURE "Authority"): main holds the
 * session, checks every PIN and locks an idle session; this service only asks and follows
 * (`auth:session-changed`, and a poll that notices a restarted host). It mirrors main's
 * operators into IndexedDB for display, hands over PIN hashes an older version kept there,
 * and while a session is active runs the audit jobs that need one: taking main's journal
 * into the audit log and signing checkpoints.
 */
export type SessionPhase = 'connecting' | 'first-run' | SessionState['state'];

export interface SessionSnapshot {
  phase: SessionPhase;
  operator: PublicOperator | null;
  /** Locked by main's idle clock. */
  idle: boolean;
  idleLockMinutes: number;
  /** Main's operator list (the login screen chooses from it). */
  operators: PublicOperator[];
  /** The last failure of a background audit job, for the audit screen; null when all is well. */
  auditJobError: string | null;
}

/** Why a PIN or operator action did not go through: main's refusal, a VALIDATION reason, or `failed`. */
export interface ActionFailure {
  reason: string;
  retryAfterMs: number | null;
}

export type ApprovalResult = { ok: true; grantId: string; manager: PublicOperator } | ({ ok: false } & ActionFailure);

const TOUCH_EVERY_MS = 20_000;
const POLL_MS = 15_000;

const failureOf = (e: Envelope<unknown>): ActionFailure => (e.ok ? { reason: 'failed', retryAfterMs: null } : { reason: e.error.reason ?? e.error.code, retryAfterMs: null });
const refusalOf = (r: PinRefusal): ActionFailure => ({ reason: r.reason, retryAfterMs: r.retryAfterMs });

export class OperatorSession {
  private snapshot: SessionSnapshot = { phase: 'connecting', operator: null, idle: false, idleLockMinutes: 15, operators: [], auditJobError: null };
  private readonly listeners = new Set<() => void>();
  private lastTouch = 0;
  private started = false;
  private readonly intake: JournalIntake;
  private readonly checkpoints: CheckpointScheduler;

  constructor(
    private readonly api: CountersignApi,
    private readonly db: CountersignDb,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    const onError = (error: unknown): void => this.set({ auditJobError: error instanceof Error ? error.message : String(error) });
    this.intake = new JournalIntake(db, api, onError);
    this.checkpoints = new CheckpointScheduler(db, api, onError);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Starts once: loads operators and this window's session, and follows main from then on. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.api.on('auth:session-changed', (s) => this.follow(s));
    this.api.on('auth:operators-changed', ({ operators }) => fireAndLog(this.logger, 'session.operators-mirror-failed', this.operatorsChanged(operators)));
    setInterval(() => fireAndLog(this.logger, 'session.refresh-failed', this.refresh()), POLL_MS);
    fireAndLog(this.logger, 'session.load-failed', this.load());
  }

  private set(change: Partial<SessionSnapshot>): void {
    const next = { ...this.snapshot, ...change };
    const phase = next.phase;
    const wasActive = this.snapshot.phase === 'active';
    this.snapshot = next;
    if (phase === 'active' && !wasActive) {
      this.intake.start();
      this.checkpoints.start();
    } else if (phase !== 'active' && wasActive) {
      // Main refuses these jobs without an active session; what it journals meanwhile is taken in at the next sign-in.
      this.intake.stop();
      this.checkpoints.stop();
    }
    for (const l of this.listeners) l();
  }

  private follow(s: SessionState): void {
    const phase: SessionPhase = s.state === 'signed-out' && this.snapshot.operators.length === 0 ? 'first-run' : s.state;
    this.set({ phase, operator: s.operator, idle: s.idle, idleLockMinutes: s.idleLockMinutes });
  }

  private async load(): Promise<void> {
    const device = await this.api.invoke('device:identity', {});
    if (device.ok) await adoptDeviceId(this.db, device.value.deviceId);
    let list = await this.api.invoke('auth:operators', {});
    if (!list.ok) {
      setTimeout(() => fireAndLog(this.logger, 'session.load-failed', this.load()), 500);
      return;
    }
    if (list.value.operators.length === 0) {
      const legacy = await legacyOperators(this.db);
      if (legacy.length > 0) {
        const imported = await this.api.invoke('auth:import-operators', { operators: legacy });
        if (imported.ok) await clearLegacyOperators(this.db);
        list = await this.api.invoke('auth:operators', {});
        if (!list.ok) return;
      }
    } else if ((await legacyOperators(this.db)).length > 0) {
      // Main already holds operators (another window handed them over): drop the stale hashes.
      await clearLegacyOperators(this.db);
    }
    await this.operatorsChanged(list.value.operators);
    await this.refresh();
  }

  private async operatorsChanged(operators: PublicOperator[]): Promise<void> {
    await mirrorOperators(this.db, operators);
    this.set({ operators });
  }

  /** Asks main for this window's session (after a host restart main has none). */
  private async refresh(): Promise<void> {
    const s = await this.api.invoke('auth:session', {});
    if (s.ok) this.follow(s.value);
  }

  async createManager(name: string, pin: string): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:first-run', { name, pin });
    if (!e.ok) return failureOf(e);
    const list = await this.api.invoke('auth:operators', {});
    if (list.ok) await this.operatorsChanged(list.value.operators);
    this.follow(e.value);
    return null;
  }

  async signIn(operatorId: string, pin: string): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:sign-in', { operatorId, pin });
    if (!e.ok) return failureOf(e);
    if (!e.value.ok) return refusalOf(e.value);
    this.lastTouch = this.now();
    this.follow(e.value.session);
    return null;
  }

  async changePin(newPin: string, currentPin?: string): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:change-pin', { newPin, ...(currentPin ? { currentPin } : {}) });
    if (!e.ok) return failureOf(e);
    if (!e.value.ok) return refusalOf(e.value);
    this.follow(e.value.session);
    return null;
  }

  async lock(): Promise<void> {
    const e = await this.api.invoke('auth:lock', {});
    if (e.ok) this.follow(e.value);
  }

  async signOut(): Promise<void> {
    const e = await this.api.invoke('auth:sign-out', {});
    if (e.ok) this.follow(e.value);
  }

  /** The person at the counter did something: main's idle clock starts again (at most every 20 s). */
  activity(): void {
    if (this.snapshot.phase !== 'active' || this.now() - this.lastTouch < TOUCH_EVERY_MS) return;
    this.lastTouch = this.now();
    fireAndLog(this.logger, 'session.touch-failed', this.api.invoke('auth:touch', {}).then((e) => e.ok && this.follow(e.value)));
  }

  /** A named manager's PIN approves one void, refund or exemption of one sale, or one end-of-day action (`saleId` null); main grants it once. */
  async approveAsManager(managerId: string, pin: string, purpose: ApprovalPurpose, saleId: string | null): Promise<ApprovalResult> {
    const e = await this.api.invoke('auth:approve', { managerId, pin, purpose, saleId });
    if (!e.ok) return { ok: false, ...failureOf(e) };
    if (!e.value.ok) return { ok: false, ...refusalOf(e.value) };
    return { ok: true, grantId: e.value.grantId, manager: e.value.manager };
  }

  async addOperator(name: string, pin: string, role: PublicOperator['role']): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:add-operator', { name, pin, role });
    return e.ok ? null : failureOf(e);
  }

  async setDisabled(operatorId: string, disabled: boolean): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:set-disabled', { operatorId, disabled });
    return e.ok ? null : failureOf(e);
  }

  async resetPin(operatorId: string, pin: string): Promise<ActionFailure | null> {
    const e = await this.api.invoke('auth:reset-pin', { operatorId, pin });
    return e.ok ? null : failureOf(e);
  }
}
