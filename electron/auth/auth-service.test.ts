import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import { PIN_MIN_ITERATIONS } from '../../shared/domain/pin';
import type { ApprovalOutcome, PublicOperator, SessionState, SignInOutcome } from '../../shared/ipc/commands/auth';
import type { Envelope } from '../../shared/ipc/envelope';
import { makeTestContext, memorySecrets } from '../../test/fakes/test-core';
import type { TestContext } from '../../test/fakes/test-core';
import { registerAuditHandlers } from '../audit/audit-handlers';
import type { Sender } from '../ipc/router';
import { registerSettingsHandlers } from '../ipc/settings-handlers';
import { silentLogger } from '../services/logger';
import { registerAuthHandlers } from './auth-handlers';
import { OPERATOR_POLICY } from './pin-throttle';

/**
 * Sign-in, PIN policy, back-off and lockout, main's idle lock and manager approvals, through
 * the router as the hosts drive them. The clock is injected so back-off waits cost nothing.
 */
const dirs: string[] = [];
const cores: TestContext[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const MANAGER_PIN = '482913';
const CASHIER_PIN = '735146';

const start = async (dataDir = mkdtempSync(join(tmpdir(), 'cs-auth-')), secrets = memorySecrets(5)) => {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  let clock = Date.UTC(2026, 10, 23, 2, 0, 0);
  const t = await makeTestContext({ dataDir, logger: silentLogger, secrets, now: () => clock });
  cores.push(t);
  registerAuthHandlers(t.ctx);
  registerAuditHandlers(t.ctx);
  registerSettingsHandlers(t.ctx);
  const call = async <T>(sender: Sender, name: string, payload: unknown): Promise<Envelope<T>> => (await t.ctx.router.dispatch(name, payload, sender)) as Envelope<T>;
  const value = async <T>(sender: Sender, name: string, payload: unknown): Promise<T> => {
    const e = await call<T>(sender, name, payload);
    if (!e.ok) throw new Error(`${name}: ${e.error.code} ${e.error.reason ?? ''}`);
    return e.value;
  };
  const journal = (action: string) => t.ctx.journal.since(0, 10_000).filter((e) => e.action === action);
  return { t, ctx: t.ctx, dataDir, secrets, call, value, journal, advance: (ms: number) => (clock += ms) };
};
type Core = Awaited<ReturnType<typeof start>>;

/** First run as a manager on one sender, a cashier added; returns both ids. */
const setUp = async (core: Core) => {
  const managerWindow = core.t.anonymous();
  await core.value<SessionState>(managerWindow, 'auth:first-run', { name: 'Wang', pin: MANAGER_PIN });
  const cashier = await core.value<PublicOperator>(managerWindow, 'auth:add-operator', { name: 'Li', pin: CASHIER_PIN, role: 'cashier' });
  const manager = core.ctx.operators.list().find((o) => o.role === 'manager')!;
  return { managerWindow, managerId: manager.id, cashierId: cashier.id };
};

describe('sign-in and PIN policy (main)', () => {
  it('signs a window in with the right PIN, refuses a wrong one, and journals both without the PIN', async () => {
    const core = await start();
    const { cashierId } = await setUp(core);
    const till = core.t.anonymous();
    expect(await core.value<SignInOutcome>(till, 'auth:sign-in', { operatorId: cashierId, pin: '000000' })).toEqual({ ok: false, reason: 'wrong-pin', retryAfterMs: null });
    expect(await core.value<SignInOutcome>(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true, session: { state: 'active', operator: { id: cashierId, role: 'cashier' } } });
    expect(core.journal('login').map((e) => [e.objectId, e.result])).toEqual([
      [core.ctx.operators.list().find((o) => o.role === 'manager')!.id, 'ok'],
      [cashierId, 'fail'],
      [cashierId, 'ok'],
    ]);
    expect(JSON.stringify(core.ctx.journal.since(0, 1000))).not.toContain(CASHIER_PIN);
    // Another window is not signed in by this one's PIN.
    expect(await core.value<SessionState>(core.t.anonymous(), 'auth:session', {})).toMatchObject({ state: 'signed-out' });
  });

  it('refuses new PINs shorter than 6 digits or weak, for first run, new operators and resets', async () => {
    const core = await start();
    const w = core.t.anonymous();
    expect(await core.call(w, 'auth:first-run', { name: 'Wang', pin: '4829' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'pin-format' } });
    expect(await core.call(w, 'auth:first-run', { name: 'Wang', pin: '123456' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'pin-weak' } });
    await core.value(w, 'auth:first-run', { name: 'Wang', pin: MANAGER_PIN });
    expect(await core.call(w, 'auth:first-run', { name: 'Other', pin: MANAGER_PIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'already-set-up' } });
    expect(await core.call(w, 'auth:add-operator', { name: 'Li', pin: '48291', role: 'cashier' })).toMatchObject({ ok: false, error: { reason: 'pin-format' } });
    expect(await core.call(w, 'auth:add-operator', { name: 'wang', pin: '735146', role: 'cashier' })).toMatchObject({ ok: false, error: { reason: 'name-taken' } });
  });

  it('makes an operator with a 4-digit PIN (set before the rule) choose a new one at sign-in, before anything else', async () => {
    const core = await start();
    const legacy = { id: uuidv7(), name: 'Zhao', role: 'manager' as const, disabled: false, createdAt: Date.UTC(2025, 0, 1), ...(await legacyHash('4829')) };
    const w = core.t.anonymous();
    expect(await core.value(w, 'auth:import-operators', { operators: [legacy] })).toEqual({ imported: 1 });
    expect(await core.call(w, 'auth:import-operators', { operators: [legacy] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'already-set-up' } });
    expect(await core.value<SignInOutcome>(w, 'auth:sign-in', { operatorId: legacy.id, pin: '4829' })).toMatchObject({ ok: true, session: { state: 'pin-change' } });
    expect(await core.call(w, 'settings:set', { patch: { shop: { name: 'X' } } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'pin-change-required' } });
    expect(await core.call(w, 'auth:change-pin', { newPin: '4829' })).toMatchObject({ ok: false, error: { reason: 'pin-format' } });
    expect(await core.value<SignInOutcome>(w, 'auth:change-pin', { newPin: '592817' })).toMatchObject({ ok: true, session: { state: 'active' } });
    expect(await core.call(w, 'settings:set', { patch: { shop: { name: 'X' } } })).toMatchObject({ ok: true });
    // The old PIN is gone; the new one signs in straight to an active session.
    const other = core.t.anonymous();
    expect(await core.value<SignInOutcome>(other, 'auth:sign-in', { operatorId: legacy.id, pin: '4829' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await core.value<SignInOutcome>(other, 'auth:sign-in', { operatorId: legacy.id, pin: '592817' })).toMatchObject({ ok: true, session: { state: 'active' } });
  });

  it('backs off exponentially after 3 wrong PINs, locks the operator out after 10 for 30 minutes, and a manager reset ends it', async () => {
    const core = await start();
    const { managerWindow, cashierId } = await setUp(core);
    const till = core.t.anonymous();
    const attempt = (pin: string) => core.value<SignInOutcome>(till, 'auth:sign-in', { operatorId: cashierId, pin });
    const waits: Array<number | null> = [];
    for (let i = 1; i <= OPERATOR_POLICY.lockoutAfter; i++) {
      const r = await attempt('000000');
      expect(r.ok).toBe(false);
      waits.push(r.ok ? null : r.retryAfterMs);
      if (i < OPERATOR_POLICY.lockoutAfter && !r.ok && r.retryAfterMs) {
        // Before the wait is over the PIN is not even checked, the right one included.
        expect(await attempt(CASHIER_PIN)).toMatchObject({ ok: false, reason: 'backoff' });
        core.advance(r.retryAfterMs);
      }
    }
    expect(waits).toEqual([null, null, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 30 * 60_000]);
    expect(await attempt(CASHIER_PIN)).toMatchObject({ ok: false, reason: 'locked-out' });
    core.advance(29 * 60_000);
    expect(await attempt(CASHIER_PIN)).toMatchObject({ ok: false, reason: 'locked-out' });
    // The manager's own window locked itself meanwhile (main's idle clock): unlock, then reset.
    expect(await core.call(managerWindow, 'auth:reset-pin', { operatorId: cashierId, pin: '951357' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'locked' } });
    await core.value(managerWindow, 'auth:sign-in', { operatorId: core.ctx.operators.list().find((o) => o.role === 'manager')!.id, pin: MANAGER_PIN });
    await core.value(managerWindow, 'auth:reset-pin', { operatorId: cashierId, pin: '951357' });
    expect(await attempt('951357')).toMatchObject({ ok: true, session: { state: 'pin-change' } });
    expect(core.journal('login').filter((e) => e.detail.reason === 'locked-out').length).toBeGreaterThan(0);
  });

  it('keeps the lockout across a restart of main', async () => {
    const core = await start();
    const { cashierId } = await setUp(core);
    const till = core.t.anonymous();
    for (let i = 0; i < OPERATOR_POLICY.lockoutAfter; i++) {
      const r = await core.value<SignInOutcome>(till, 'auth:sign-in', { operatorId: cashierId, pin: '000000' });
      if (!r.ok && r.retryAfterMs) core.advance(r.retryAfterMs);
    }
    await core.t.stop();
    cores.splice(cores.indexOf(core.t), 1);
    const again = await start(core.dataDir, core.secrets);
    expect(await again.value<SignInOutcome>(again.t.anonymous(), 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: false, reason: 'locked-out' });
  });

  it('locks a session when main’s idle clock runs out, tells that window, and unlocks with the PIN', async () => {
    const core = await start();
    const { cashierId } = await setUp(core);
    const till = core.t.anonymous();
    const pushed: Array<{ audience: string[]; payload: unknown }> = [];
    core.t.events.subscribe((name, payload, audience) => name === 'auth:session-changed' && pushed.push({ audience: [...(audience ?? [])], payload }));
    await core.value(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN });
    core.advance(14 * 60_000);
    await core.value(till, 'auth:touch', {});
    core.advance(14 * 60_000);
    expect(await core.call(till, 'audit:journal', { after: 0 })).toMatchObject({ ok: true });
    core.advance(60_000);
    core.ctx.sessions.sweep();
    expect(await core.call(till, 'audit:checkpoint-status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'locked' } });
    // Taking main's journal in only records what happened (role table `session`): it goes on while locked.
    expect(await core.call(till, 'audit:journal', { after: 0 })).toMatchObject({ ok: true });
    // Each window hears only of its own session (the manager's first-run window locked too).
    const mine = pushed.filter((p) => p.audience.includes(till.id)).map((p) => ({ audience: p.audience, ...(p.payload as SessionState) }));
    expect(mine).toMatchObject([{ audience: [till.id], state: 'locked', idle: true, operator: { id: cashierId } }]);
    expect(mine).toHaveLength(1);
    expect(core.journal('lock.idle').map((e) => e.actor)).toContain(cashierId);
    expect(await core.value<SignInOutcome>(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true, session: { state: 'active' } });
    expect(core.journal('unlock').map((e) => e.result)).toEqual(['ok']);
  });

  it('never signs in the customer’s window', async () => {
    const core = await start();
    const { cashierId } = await setUp(core);
    const customer = { ...core.t.anonymous(), customer: true };
    expect(await core.value<SignInOutcome>(customer, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: false, reason: 'customer-window' });
  });
});

describe('manager approvals (main)', () => {
  it('grants a one-time approval only with the named manager’s PIN, never by trying every manager', async () => {
    const core = await start();
    const { managerId, cashierId } = await setUp(core);
    const till = core.t.anonymous();
    await core.value(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN });
    const saleId = uuidv7();
    // A cashier cannot approve, even with their own PIN.
    expect(await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId: cashierId, pin: CASHIER_PIN, purpose: 'void', saleId })).toMatchObject({ ok: false, reason: 'not-a-manager' });
    expect(await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId, pin: CASHIER_PIN, purpose: 'void', saleId })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    const ok = await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'void', saleId });
    expect(ok).toMatchObject({ ok: true, manager: { id: managerId, name: 'Wang' } });
    const approvals = core.journal('manager-approval').map((e) => [e.actor, e.objectId, e.result, e.detail.purpose, e.detail.saleId]);
    expect(approvals).toEqual([
      [cashierId, cashierId, 'fail', 'void', saleId],
      [cashierId, managerId, 'fail', 'void', saleId],
      [cashierId, managerId, 'ok', 'void', saleId],
    ]);
    // Approvals need a session of their own: a window nobody signed in to cannot ask.
    expect(await core.call(core.t.anonymous(), 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'void', saleId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  });

  it('records a signature exemption only with a grant for that sale, once', async () => {
    const core = await start();
    const { managerId, cashierId } = await setUp(core);
    const till = core.t.anonymous();
    await core.value(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN });
    const saleId = uuidv7();
    expect(await core.call(till, 'sale:exempt-signature', { grantId: `ag_${'A'.repeat(22)}`, saleId, reason: 'card holder left' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'approval-needed' } });
    const grant = await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'exemption', saleId });
    if (!grant.ok) throw new Error('no grant');
    expect(await core.value(till, 'sale:exempt-signature', { grantId: grant.grantId, saleId, reason: 'card holder left' })).toMatchObject({ approvedBy: { id: managerId } });
    expect(await core.call(till, 'sale:exempt-signature', { grantId: grant.grantId, saleId: uuidv7(), reason: 'again' })).toMatchObject({ ok: false, error: { reason: 'approval-needed' } });
    expect(core.journal('signature.exempt').map((e) => [e.objectId, e.detail.approvedBy, e.detail.reason])).toEqual([[saleId, managerId, 'card holder left']]);
  });

  it('grants end-of-day approvals without a sale, and closing the batch uses up only a settlement-close grant, once', async () => {
    const core = await start();
    const { managerId, cashierId } = await setUp(core);
    const till = core.t.anonymous();
    await core.value(till, 'auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN });
    // A sale approval names its sale; an end-of-day approval names none.
    expect(await core.call(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'void', saleId: null })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'settlement-close', saleId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const note = await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'settlement-note', saleId: null });
    const close = await core.value<ApprovalOutcome>(till, 'auth:approve', { managerId, pin: MANAGER_PIN, purpose: 'settlement-close', saleId: null });
    if (!note.ok || !close.ok) throw new Error('no grant');
    const want = { purpose: 'settlement-close' as const, saleId: null, senderId: till.id, usedBy: 'batch:000001' };
    expect(() => core.ctx.approvals.consume(note.grantId, want)).toThrow(/something else/);
    expect(core.ctx.approvals.consume(close.grantId, want)).toMatchObject({ managerId, purpose: 'settlement-close' });
    expect(() => core.ctx.approvals.consume(close.grantId, { ...want, usedBy: 'batch:000002' })).toThrow(/already used/);
    expect(core.journal('manager-approval').filter((e) => e.result === 'ok').map((e) => [e.detail.purpose, e.detail.saleId])).toEqual([
      ['settlement-note', null],
      ['settlement-close', null],
    ]);
  });
});

/** A PBKDF2 record of a 4-digit PIN, as renderer versions before this one stored them. */
const legacyHash = async (pin: string): Promise<{ pinHash: string; pinSalt: string; pinIterations: number }> => {
  const salt = new Uint8Array(16).fill(9);
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PIN_MIN_ITERATIONS }, key, 256);
  return { pinHash: Buffer.from(bits).toString('base64'), pinSalt: Buffer.from(salt).toString('base64'), pinIterations: PIN_MIN_ITERATIONS };
};
