import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import { linkIdFor } from '../../shared/domain/link-id';
import type { HostResult, InquiryResult, LinkStatus, MasterKeyStatus } from '../../shared/ipc/commands/acquirer';
import type { Envelope } from '../../shared/ipc/envelope';
import { findSentinel } from '../../test/card-sentinel';
import { HostSimulator } from '../../test/host-sim/host-sim';
import type { ClearCard } from '../card/clear-card';
import type { Sender } from '../ipc/router';
import { makeTestContext, memorySecrets } from '../../test/fakes/test-core';
import { EventBus } from '../services/event-bus';
import { createFileLogger } from '../services/logger';
import { SettingsStore } from '../services/settings-store';
import { getAcquirer, registerAcquirer } from './acquirer-module';
import { TEST_TMK } from './iso8583/mac';
import { kcvOf } from './master-key-check';
import { OTHER_TMK_HEX, SAMPLE_TMK_HEX, findKey, tmkBytes } from '../../test/master-key-test-support';

const PAN = '6212345678901232';
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A vault like main's: hands a card over once; `has` tells an encrypted swipe from a gone one. */
class TestVault {
  private readonly cards = new Map<string, ClearCard | 'encrypted'>();
  private n = 0;
  put(card: ClearCard | 'encrypted' = { pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, track1: `B${PAN}^TEST^2912101`, entryMode: 'hid-swipe' }): string {
    const ref = `cr_${String(++this.n).padStart(22, 'A')}`;
    this.cards.set(ref, card);
    return ref;
  }
  take(ref: string): ClearCard | null {
    const c = this.cards.get(ref);
    if (!c || c === 'encrypted') return null;
    this.cards.delete(ref);
    return c;
  }
  has(ref: string): boolean {
    return this.cards.has(ref);
  }
}

const makeCore = async (settings: Parameters<SettingsStore['set']>[0] = {}, opts: { dataDir?: string } = {}) => {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cs-acquirer-'));
  const logger = createFileLogger(dataDir);
  const events = new EventBus(logger);
  const seen: Array<{ name: string; payload: unknown }> = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const store = new SettingsStore(dataDir, logger, { acquirer: { simulatedLatencyMs: 0, responseTimeoutMs: 1000 }, ...settings });
  const t = await makeTestContext({ dataDir, logger, events, settings: store, secrets: memorySecrets(7) });
  stops.push(t.stop);
  const ctx = t.ctx;
  // A manager's session: the master-key tests load keys; voids and refunds still need a grant.
  const sender = t.signedIn('manager');
  const vault = new TestVault();
  await registerAcquirer(ctx, vault, { monitor: { onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 } });
  const call = async <T>(name: string, payload: unknown, by: Sender = sender) => (await ctx.router.dispatch(name, payload, by)) as Envelope<T>;
  const value = async <T>(name: string, payload: unknown): Promise<T> => {
    const e = await call<T>(name, payload);
    if (!e.ok) throw new Error(`${name}: ${e.error.code} ${e.error.reason ?? ''} ${e.error.message}`);
    return e.value;
  };
  const handle = getAcquirer(ctx);
  if (!handle) throw new Error('acquirer not registered');
  return { ctx, t, sender, dataDir, logFile: logger.file, seen, vault, call, value, handle };
};

type Core = Awaited<ReturnType<typeof makeCore>>;
/** The link in use now: every request names it. */
const lid = (core: Core): string => linkIdFor(core.ctx.settings.get());
const sell = async (core: Core, amountFen: number, saleId = uuidv7()) => {
  const { stan, batch } = await core.value<{ stan: string; batch: string }>('acquirer:prepare', { saleId });
  const result = await core.value<HostResult>('acquirer:authorize', { saleId, stan, kind: 'sale', amountFen, cardRef: core.vault.put(), linkId: lid(core) });
  return { saleId, stan, batch, result };
};

describe('registerAcquirer (training: the simulated host)', () => {
  it('numbers a sale once, however often the renderer asks', async () => {
    const core = await makeCore();
    const saleId = uuidv7();
    const a = await core.value<{ stan: string; batch: string }>('acquirer:prepare', { saleId });
    expect(a).toEqual({ stan: expect.stringMatching(/^\d{6}$/) as unknown, batch: '000001', linkId: 'training' });
    expect(await core.value('acquirer:prepare', { saleId })).toEqual(a);
    const state = JSON.parse(readFileSync(join(core.dataDir, 'acquirer-state.json'), 'utf8')) as { prepared: unknown };
    expect(state.prepared).toEqual([[saleId, a.stan, '000001']]);
  });

  it('approves a sale and answers with host references only', async () => {
    const core = await makeCore();
    const { stan, result } = await sell(core, 1250);
    expect(result).toMatchObject({ outcome: 'approved', responseCode: '00', stan, batch: '000001', failure: null, resign: false });
    expect(result.authCode).toMatch(/^\d{6}$/);
    expect(JSON.stringify(result)).not.toContain(PAN);
  });

  it('never sends a retried sale twice: the same saleId gets the recorded answer', async () => {
    const core = await makeCore();
    const saleId = uuidv7();
    const { stan } = await core.value<{ stan: string }>('acquirer:prepare', { saleId });
    const req = { saleId, stan, kind: 'sale', amountFen: 1250, cardRef: core.vault.put(), linkId: lid(core) };
    const [a, b] = await Promise.all([core.value<HostResult>('acquirer:authorize', req), core.value<HostResult>('acquirer:authorize', req)]);
    const c = await core.value<HostResult>('acquirer:authorize', req);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(core.handle.simulator.count({ type: 'sale', saleId })).toBe(1);
  });

  it('refuses a STAN other than the prepared one, and a card that is gone, each with its reason', async () => {
    const core = await makeCore();
    const saleId = uuidv7();
    const { stan } = await core.value<{ stan: string }>('acquirer:prepare', { saleId });
    const other = stan === '999999' ? '000001' : String(Number(stan) + 1).padStart(6, '0');
    const wrong = await core.call('acquirer:authorize', { saleId, stan: other, kind: 'sale', amountFen: 100, cardRef: core.vault.put(), linkId: lid(core) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'stan-mismatch' } });
    const gone = await core.call('acquirer:authorize', { saleId, stan, kind: 'sale', amountFen: 100, cardRef: 'cr_doesnotexist000000000', linkId: lid(core) });
    expect(gone).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'card-expired' } });
    const encrypted = await core.call('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 100, cardRef: core.vault.put('encrypted'), linkId: lid(core) });
    expect(encrypted).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'card-encrypted' } });
    const noCard = await core.call('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 100, linkId: lid(core) });
    expect(noCard).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cardRef' } });
    expect(core.handle.simulator.count({ type: 'sale' })).toBe(0);
  });

  it('explains a decline by its code and A0 by resign', async () => {
    const core = await makeCore();
    expect((await sell(core, 1051)).result).toMatchObject({ outcome: 'declined', responseCode: '51', resign: false });
    expect((await sell(core, 1013)).result).toMatchObject({ outcome: 'declined', responseCode: 'A0', resign: true });
    expect(await core.value('acquirer:sign-on', {})).toMatchObject({ outcome: 'approved', responseCode: '00' });
  });

  it('.99: no answer → inquiry finds the approval → one reversal; repeating the reversal sends nothing more', async () => {
    const core = await makeCore();
    const { saleId, stan, result } = await sell(core, 1099);
    expect(result).toMatchObject({ outcome: 'no-answer', failure: 'timeout' });
    expect(await core.value<InquiryResult>('acquirer:inquire', { saleId, stan, amountFen: 1099, linkId: lid(core) })).toMatchObject({ found: true, approved: true, outcome: 'approved' });
    const rev = await core.value<HostResult>('acquirer:reverse', { saleId, stan, amountFen: 1099, kind: 'sale', linkId: lid(core) });
    expect(rev).toMatchObject({ outcome: 'approved', responseCode: '00' });
    expect(await core.value('acquirer:reverse', { saleId, stan, amountFen: 1099, kind: 'sale', linkId: lid(core) })).toEqual(rev);
    expect(core.handle.simulator.count({ type: 'reversal', saleId })).toBe(1);
    expect(core.handle.simulator.standingApprovals()).toHaveLength(0);
    expect(await core.value('acquirer:inquire', { saleId, stan, amountFen: 1099, linkId: lid(core) })).toMatchObject({ found: true, reversed: true, outcome: 'reversed' });
  });

  it('refunds and voids by reference to the original, each with its own manager grant, journaled by main', async () => {
    const core = await makeCore();
    const sold = await sell(core, 3000);
    const original = { saleId: sold.saleId, stan: sold.stan, rrn: sold.result.rrn ?? '', authCode: sold.result.authCode ?? '', amountFen: 3000 };
    const manager = core.t.signedIn('manager');
    const managerId = core.ctx.sessions.get(manager.id)!.operatorId;
    for (const kind of ['refund', 'void'] as const) {
      const saleId = uuidv7();
      const { stan } = await core.value<{ stan: string }>('acquirer:prepare', { saleId });
      const grant = core.ctx.approvals.grant({ purpose: kind, saleId: original.saleId, managerId, requestedBy: '', senderId: core.sender.id });
      const req = { saleId, stan, kind, amountFen: kind === 'void' ? 3000 : 1000, original, grantId: grant.id, linkId: lid(core) };
      expect(await core.value('acquirer:authorize', req)).toMatchObject({ outcome: 'approved' });
      // A retry of the same record may show its grant again; the host is not asked twice.
      expect(await core.value('acquirer:authorize', req)).toMatchObject({ outcome: 'approved' });
      const journaled = core.ctx.journal.since(0, 1000).filter((e) => e.objectId === saleId).map((e) => [e.action, e.result, e.detail.approvedBy]);
      expect(journaled.slice(0, 2)).toEqual([
        [`${kind}.send`, 'ok', managerId],
        [`${kind}.answer`, 'ok', managerId],
      ]);
    }
    expect(await core.call('acquirer:authorize', { saleId: uuidv7(), kind: 'refund', amountFen: 100, linkId: lid(core) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'original' } });
  });

  it('refuses a void or refund without a grant, with one for another sale or purpose, or with one already used', async () => {
    const core = await makeCore();
    const sold = await sell(core, 3000);
    const original = { saleId: sold.saleId, stan: sold.stan, rrn: sold.result.rrn ?? '', authCode: sold.result.authCode ?? '', amountFen: 3000 };
    const request = (grantId?: string, kind: 'void' | 'refund' = 'refund') => ({ saleId: uuidv7(), kind, amountFen: 1000, original, linkId: lid(core), ...(grantId ? { grantId } : {}) });
    const approvalNeeded = { ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'approval-needed' } };
    const grantFor = (purpose: 'void' | 'refund', saleId: string, senderId = core.sender.id) => core.ctx.approvals.grant({ purpose, saleId, managerId: uuidv7(), requestedBy: '', senderId }).id;
    expect(await core.call('acquirer:authorize', request())).toMatchObject(approvalNeeded);
    expect(await core.call('acquirer:authorize', request(grantFor('refund', uuidv7())))).toMatchObject(approvalNeeded);
    expect(await core.call('acquirer:authorize', request(grantFor('void', sold.saleId)))).toMatchObject(approvalNeeded);
    expect(await core.call('acquirer:authorize', request(grantFor('refund', sold.saleId, 'another-window')))).toMatchObject(approvalNeeded);
    const once = grantFor('refund', sold.saleId);
    expect(await core.call('acquirer:authorize', request(once))).toMatchObject({ ok: true });
    expect(await core.call('acquirer:authorize', request(once))).toMatchObject(approvalNeeded);
    expect(core.handle.simulator.count({ type: 'refund' })).toBe(1);
  });

  it('link down: the sale fails unsent, the card stays available to seal, and the sealed sale is forwarded exactly once later', async () => {
    const core = await makeCore({ offline: { enabled: true, allowSwiped: true } });
    expect(await core.value<LinkStatus>('acquirer:status', {})).toMatchObject({ online: true, kind: 'simulated', simulator: { outage: false } });
    expect(await core.value<LinkStatus>('acquirer:simulator', { outage: true })).toMatchObject({ online: false, simulator: { outage: true } });
    expect(core.seen.filter((e) => e.name === 'acquirer:link-changed').map((e) => (e.payload as { online: boolean }).online)).toEqual([true, false]);

    const saleId = uuidv7();
    const { stan } = await core.value<{ stan: string }>('acquirer:prepare', { saleId });
    const cardRef = core.vault.put();
    expect(await core.value('acquirer:authorize', { saleId, stan, kind: 'sale', amountFen: 8800, cardRef, linkId: lid(core) })).toMatchObject({ outcome: 'failed', failure: 'no-connection' });
    const { sealed } = await core.value<{ sealed: string }>('acquirer:seal', { cardRef });
    expect(sealed).not.toContain(PAN);
    expect(await core.call('acquirer:seal', { cardRef })).toMatchObject({ ok: false, error: { reason: 'card-expired' } });
    expect(await core.call('acquirer:inquire', { saleId, stan, amountFen: 8800, linkId: lid(core) })).toMatchObject({ ok: false, error: { code: 'ACQUIRER', reason: 'no-connection' } });

    await core.value('acquirer:simulator', { outage: false });
    const forward = { saleId, stan, amountFen: 8800, sealed, linkId: lid(core), repeat: false };
    const [a, b] = await Promise.all([core.value<HostResult>('acquirer:forward', forward), core.value<HostResult>('acquirer:forward', forward)]);
    expect(a).toMatchObject({ outcome: 'approved', responseCode: '00' });
    expect(b).toEqual(a);
    expect(await core.value('acquirer:forward', forward)).toEqual(a);
    expect(core.handle.simulator.count({ type: 'advice', saleId })).toBe(1);

    const tampered = Buffer.from(sealed, 'base64');
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(await core.call('acquirer:forward', { saleId: uuidv7(), stan: '000777', amountFen: 100, sealed: tampered.toString('base64'), linkId: lid(core), repeat: false })).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'sealed-tampered' } });
  });

  it('refuses a request for a record taken on another link, sends nothing, and never settles live money on the training host', async () => {
    const core = await makeCore();
    const saleId = uuidv7();
    const { stan, linkId } = await core.value<{ stan: string; linkId: string }>('acquirer:prepare', { saleId });
    expect(linkId).toBe('training');
    const live = 'iso8583:10.0.0.9:5800/10000001';
    const req = { saleId, stan, amountFen: 1200 };
    expect(await core.call('acquirer:authorize', { ...req, kind: 'sale', cardRef: core.vault.put(), linkId: live })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'link-mismatch' } });
    expect(await core.call('acquirer:inquire', { ...req, linkId: live })).toMatchObject({ ok: false, error: { reason: 'link-mismatch' } });
    expect(await core.call('acquirer:reverse', { ...req, kind: 'sale', linkId: live })).toMatchObject({ ok: false, error: { reason: 'link-mismatch' } });
    const { sealed } = await core.value<{ sealed: string }>('acquirer:seal', { cardRef: core.vault.put() });
    expect(await core.call('acquirer:forward', { ...req, sealed, linkId: live, repeat: false })).toMatchObject({ ok: false, error: { reason: 'link-mismatch' } });
    expect(core.handle.simulator.messages.filter((m) => m.type !== 'echo' && m.type !== 'sign-on')).toEqual([]);
  });

  it('a sale sent without an answer is never sent again, only inquired and reversed', async () => {
    const core = await makeCore();
    const { saleId, stan, result } = await sell(core, 1099);
    expect(result).toMatchObject({ outcome: 'no-answer' });
    expect(await core.call('acquirer:authorize', { saleId, stan, kind: 'sale', amountFen: 1099, cardRef: core.vault.put(), linkId: lid(core) })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'sent-no-answer' } });
    expect(core.handle.simulator.count({ type: 'sale', saleId })).toBe(1);
  });

  it('declines an offline sale on forwarding by the amount table (51), for follow-up', async () => {
    const core = await makeCore();
    const { sealed } = await core.value<{ sealed: string }>('acquirer:seal', { cardRef: core.vault.put() });
    const saleId = uuidv7();
    const { stan } = await core.value<{ stan: string }>('acquirer:prepare', { saleId });
    expect(await core.value('acquirer:forward', { saleId, stan, amountFen: 1051, sealed, linkId: lid(core), repeat: false })).toMatchObject({ outcome: 'declined', responseCode: '51' });
  });
});

describe('registerAcquirer (live settings: ISO 8583 to the host simulator)', () => {
  it('switches to ISO 8583 when training is off, runs the same sale, and leaves no card data behind', async () => {
    const sim = new HostSimulator();
    const { port } = await sim.start();
    stops.push(() => sim.stop());
    const core = await makeCore();
    core.ctx.settings.set({ general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 500, responseTimeoutMs: 1000 } });
    const status = await core.value<LinkStatus>('acquirer:echo', {});
    expect(status).toMatchObject({ online: true, kind: 'iso8583', host: `127.0.0.1:${port}`, simulator: null });
    await new Promise((r) => setTimeout(r, 20));
    expect(core.seen.some((e) => e.name === 'acquirer:link-changed' && (e.payload as { reason: string; kind: string }).reason === 'reconfigured' && (e.payload as { kind: string }).kind === 'iso8583')).toBe(true);

    const sold = await sell(core, 1250);
    expect(sold.result).toMatchObject({ outcome: 'approved', responseCode: '00' });
    expect(sim.count({ kind: 'sale', stan: sold.stan })).toBe(1);

    sim.dropNext(1, ['sale']);
    const lost = await sell(core, 4200);
    expect(lost.result).toMatchObject({ outcome: 'no-answer', failure: 'timeout' });
    expect(await core.value('acquirer:inquire', { saleId: lost.saleId, stan: lost.stan, amountFen: 4200, linkId: lid(core) })).toMatchObject({ found: true, approved: true });
    expect(await core.value('acquirer:reverse', { saleId: lost.saleId, stan: lost.stan, amountFen: 4200, kind: 'sale', linkId: lid(core) })).toMatchObject({ outcome: 'approved' });
    expect(sim.count({ kind: 'reversal', stan: lost.stan })).toBe(1);

    sim.garbleNext(1, ['sale']);
    const garbled = await sell(core, 800);
    expect(garbled.result).toMatchObject({ outcome: 'no-answer', failure: 'malformed', rejection: { reason: 'truncated', field: 64 } });

    sim.wrongMacNext(1, 'response');
    const bad = await sell(core, 700);
    expect(bad.result).toMatchObject({ outcome: 'no-answer', failure: 'mac-error', responseCode: 'A0', resign: true, rejection: { reason: 'mac-mismatch', field: 64 } });
    expect(await core.value('acquirer:reverse', { saleId: bad.saleId, stan: bad.stan, amountFen: 700, kind: 'sale', linkId: lid(core) })).toMatchObject({ outcome: 'approved' });
    expect(sim.records.filter((r) => r.kind === 'reversal').at(-1)).toMatchObject({ stan: bad.stan });

    await sim.down();
    expect((await sell(core, 1250)).result).toMatchObject({ outcome: 'failed', failure: 'no-connection' });
    expect((await core.value<LinkStatus>('acquirer:status', {})).online).toBe(false);

    const logs = readFileSync(core.logFile, 'utf8');
    expect(logs).toContain('acquirer.authorize');
    expect(findSentinel({ dataDir: core.dataDir, logs: [logs], needles: [PAN, `${PAN}=2912`] })).toEqual([]);
  });
});

describe('registerAcquirer: the terminal master key', () => {
  const isoCore = async (sim: HostSimulator, dataDir?: string) => {
    const { port } = await sim.start();
    stops.push(() => sim.stop());
    const core = await makeCore({}, dataDir ? { dataDir } : {});
    core.ctx.settings.set({ general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 500, responseTimeoutMs: 1000 } });
    return core;
  };

  it('reports the test key until one is loaded; a loaded key (KCV confirmed) signs on with a host that has it', async () => {
    const sim = new HostSimulator({ tmk: tmkBytes(SAMPLE_TMK_HEX) });
    const core = await isoCore(sim);
    expect((await core.value<LinkStatus>('acquirer:status', {})).masterKey).toEqual({ source: 'test', kcv: kcvOf(TEST_TMK), loadedAt: null, unreadable: false, protectedByOs: false });
    expect((await sell(core, 1250)).result).toMatchObject({ outcome: 'failed', failure: 'mac-error', responseCode: 'A0', resign: true });

    const loaded = await core.value<MasterKeyStatus>('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX.toLowerCase(), kcv: kcvOf(tmkBytes(SAMPLE_TMK_HEX)) });
    expect(loaded).toEqual({ source: 'loaded', kcv: kcvOf(tmkBytes(SAMPLE_TMK_HEX)), loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as unknown, unreadable: false, protectedByOs: false });
    expect(await core.value('acquirer:master-key', {})).toEqual(loaded);
    expect((await sell(core, 1250)).result).toMatchObject({ outcome: 'approved', responseCode: '00' });
    const status = await core.value<LinkStatus>('acquirer:status', {});
    expect(status).toMatchObject({ signedOn: true, masterKey: loaded });
    await new Promise((r) => setTimeout(r, 20));
    expect(core.seen.some((e) => e.name === 'acquirer:link-changed' && (e.payload as { reason: string }).reason === 'master-key')).toBe(true);
  });

  it('a new key drops the working keys: the link signs on again (and fails with a key the host does not have); clear goes back to the test key', async () => {
    const sim = new HostSimulator({ tmk: tmkBytes(SAMPLE_TMK_HEX) });
    const core = await isoCore(sim);
    await core.value('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX });
    expect((await sell(core, 1250)).result).toMatchObject({ outcome: 'approved' });
    expect(core.handle.link().signedOn).toBe(true);

    await core.value('acquirer:load-master-key', { keyHex: OTHER_TMK_HEX });
    expect((await core.value<LinkStatus>('acquirer:status', {})).signedOn).toBe(false);
    expect((await sell(core, 1300)).result).toMatchObject({ outcome: 'failed', failure: 'mac-error', resign: true });
    expect(sim.records.filter((r) => r.kind === 'sign-on')).toHaveLength(2);

    expect(await core.value<MasterKeyStatus>('acquirer:clear-master-key', {})).toMatchObject({ source: 'test', kcv: kcvOf(TEST_TMK), loadedAt: null });
    expect((await core.value<LinkStatus>('acquirer:status', {})).masterKey).toMatchObject({ source: 'test' });
  });

  it('refuses a bad key with a reason and changes nothing; never answers, logs or stores the key in clear; survives a restart', async () => {
    const sim = new HostSimulator({ tmk: tmkBytes(SAMPLE_TMK_HEX) });
    const core = await isoCore(sim);
    const kcv = kcvOf(tmkBytes(SAMPLE_TMK_HEX));
    expect(await core.call('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX, kcv: kcv === '000000' ? '111111' : '000000' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'master-key-kcv-mismatch' } });
    expect(await core.call('acquirer:load-master-key', { keyHex: '00'.repeat(16) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'master-key-weak' } });
    expect(await core.call('acquirer:load-master-key', { keyHex: Buffer.from(TEST_TMK).toString('hex') })).toMatchObject({ ok: false, error: { reason: 'master-key-is-test' } });
    expect(await core.call('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX.slice(0, 30) })).toMatchObject({ ok: false, error: { reason: 'master-key-format' } });
    expect(await core.call('acquirer:load-master-key', { keyHex: 'A'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'keyHex' } });
    expect(await core.call('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX, extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await core.value<MasterKeyStatus>('acquirer:master-key', {})).source).toBe('test');

    const answer = await core.call('acquirer:load-master-key', { keyHex: SAMPLE_TMK_HEX, kcv });
    expect(answer).toMatchObject({ ok: true, value: { source: 'loaded', kcv } });
    expect(findKey(tmkBytes(SAMPLE_TMK_HEX), { dataDir: core.dataDir, texts: [JSON.stringify(answer), JSON.stringify(core.seen)] })).toEqual([]);
    expect(readFileSync(join(core.dataDir, 'settings.json'), 'utf8')).not.toContain(kcv);

    // A restart on the same data folder (and secret store) keeps the key and signs on with it.
    const again = await makeCore({ general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port: sim.address.port, connectTimeoutMs: 500, responseTimeoutMs: 1000 } }, { dataDir: core.dataDir });
    expect((await again.value<LinkStatus>('acquirer:status', {})).masterKey).toMatchObject({ source: 'loaded', kcv });
    expect((await sell(again, 1250)).result).toMatchObject({ outcome: 'approved' });
  });
});
