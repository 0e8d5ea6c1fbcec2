import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import type { SettingsPatch } from '../../shared/domain/settings';
import type { CountersignApi } from '../../shared/ipc/contract';
import type { CardSummary } from '../../shared/ipc/commands/card-reader';
import { getAcquirer, registerAcquirer } from '../../electron/acquirer/acquirer-module';
import { CardVault } from '../../electron/card/card-vault';
import { makeTestContext, memorySecrets } from '../fakes/test-core';
import { EventBus } from '../../electron/services/event-bus';
import { createFileLogger } from '../../electron/services/logger';
import { SettingsStore } from '../../electron/services/settings-store';
import { CountersignDb } from '../../renderer/src/data/db';
import { attachCard, authorizeSale, beginSale } from '../../renderer/src/features/sale/sale-flow';
import { forwardOfflineQueue, resolveUnresolved } from '../../renderer/src/features/sale/sale-settle';
import type { FlowDeps } from '../../renderer/src/features/sale/sale-flow';
import { findSentinel } from '../card-sentinel';
import { HostSimulator } from './host-sim';

/**
 * The renderer's write-ahead sale flow (renderer/src/features/sale/sale-flow.ts) against the real
 * acquirer module, over the router, with IndexedDB faked: the contract holds end to end, nothing
 * is charged twice, and no card data reaches the records, the data folder or the log.
 */
const PAN = '6212345678901232';
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const summary = (cardRef: string): CardSummary => ({
  cardRef,
  maskedPan: '**** 1232',
  last4: '1232',
  bin: '621234',
  panLength: 16,
  brand: 'unionpay',
  entryMode: 'hid-swipe',
  source: 'virtual',
  readerId: 'card-reader:virtual',
  chip: false,
  expiryMonth: 12,
  expiryYear: 2029,
  expiryValid: true,
  fingerprint: 'f'.repeat(64),
  encrypted: false,
  swipedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
});

const setup = async (patch: SettingsPatch = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-sale-flow-'));
  const logger = createFileLogger(dataDir);
  const events = new EventBus(logger);
  const settings = new SettingsStore(dataDir, logger, { acquirer: { simulatedLatencyMs: 0, responseTimeoutMs: 1000 }, signature: { rule: 'never' }, ...patch });
  const t = await makeTestContext({ dataDir, logger, events, settings, secrets: memorySecrets(9) });
  stops.push(t.stop);
  const ctx = t.ctx;
  const operator = t.signedIn('cashier');
  const vault = new CardVault();
  stops.push(() => vault.clear());
  await registerAcquirer(ctx, vault, { monitor: { onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 } });
  const api = {
    invoke: (command: string, request: unknown) => ctx.router.dispatch(command, request, operator),
    on: (event: string, listener: (p: unknown) => void) => events.subscribe((name, payload) => name === event && listener(payload)),
  } as unknown as CountersignApi;
  const db = new CountersignDb(`flow-${uuidv7()}`);
  stops.push(() => db.delete());
  const deps: FlowDeps = { db, api, operatorId: 'op-1', settings: () => settings.get() };
  const swipeAndSell = async (amountFen: number, online = true) => {
    const { cardRef } = vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, track1: `B${PAN}^TEST/UNIONPAY^2912101`, cardholderName: 'TEST/UNIONPAY', entryMode: 'hid-swipe' });
    const sale = await attachCard(deps, await beginSale(deps, { kind: 'sale', amountFen, reference: '', note: '', originalSaleId: null }), summary(cardRef));
    return authorizeSale(deps, sale, cardRef, online);
  };
  const clean = async (): Promise<string[]> => {
    const dump = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
    return findSentinel({ dataDir, logs: [readFileSync(logger.file, 'utf8')], extraTexts: [dump], needles: [PAN, `${PAN}=2912`] });
  };
  const handle = getAcquirer(ctx);
  if (!handle) throw new Error('no acquirer');
  return { ctx, db, deps, vault, swipeAndSell, clean, sim: handle.simulator };
};

describe('the renderer sale flow over the acquirer module (training host)', () => {
  it('approves a sale with host references written ahead', async () => {
    const t = await setup();
    const r = await t.swipeAndSell(1250);
    expect(r.kind).toBe('approved');
    expect(r.sale).toMatchObject({ state: 'approved', responseCode: '00', stan: expect.stringMatching(/^\d{6}$/) as unknown, batch: '000001' });
    expect(await t.clean()).toEqual([]);
  });

  it('a lost answer leaves the sale unknown; the next sale reverses it first, exactly once', async () => {
    const t = await setup();
    const lost = await t.swipeAndSell(1099);
    expect(lost.kind).toBe('unknown');
    const next = await t.swipeAndSell(2000);
    expect(next.kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.sim.count({ type: 'reversal', saleId: lost.sale.id })).toBe(1);
    expect(t.sim.count({ type: 'inquiry', saleId: lost.sale.id })).toBe(1);
    expect(t.sim.standingApprovals().map((a) => a.amountFen)).toEqual([2000]);
    expect(await resolveUnresolved(t.deps)).toEqual([]);
    expect(t.sim.count({ type: 'reversal' })).toBe(1);
  });

  it('host down: accepted offline and sealed; host back: forwarded exactly once and the seal is gone', async () => {
    const t = await setup({ offline: { enabled: true, allowSwiped: true } });
    t.ctx.settings.set({ acquirer: { simulatedOutage: true } });
    const a = await t.swipeAndSell(1200, true);
    const b = await t.swipeAndSell(1300, false);
    expect([a.kind, b.kind]).toEqual(['offline', 'offline']);
    expect(a.sale.sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    t.ctx.settings.set({ acquirer: { simulatedOutage: false } });
    const forwarded = await forwardOfflineQueue(t.deps);
    expect(forwarded.map((f) => f.outcome)).toEqual(['approved', 'approved']);
    expect(await forwardOfflineQueue(t.deps)).toEqual([]);
    expect(t.sim.count({ type: 'advice' })).toBe(2);
    expect(new Set(t.sim.messages.filter((m) => m.type === 'advice').map((m) => m.saleId)).size).toBe(2);
    expect((await t.db.sales.toArray()).map((s) => s.sealed)).toEqual([null, null]);
    expect(await t.clean()).toEqual([]);
  });

  it('the counter path: card read and authorizing in one write, approval and "no signature needed" in the next', async () => {
    const t = await setup();
    const { cardRef } = t.vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
    const created = await beginSale(t.deps, { kind: 'sale', amountFen: 1500, reference: '', note: '', originalSaleId: null });
    const r = await authorizeSale(t.deps, created, cardRef, true, { card: summary(cardRef), signatureNotRequired: true });
    expect(r.kind).toBe('approved');
    expect(r.sale).toMatchObject({ state: 'approved', signatureState: 'not-required', last4: '1232', fingerprint: 'f'.repeat(64) });
    // Four versions after create, one audit entry per step, in order.
    expect(r.sale.version).toBe(5);
    const actions = (await t.db.audit.orderBy('seq').toArray()).filter((e) => e.objectId === created.id).map((e) => e.action);
    expect(actions).toEqual(['sale.create', 'sale.card-read', 'sale.authorizing', 'sale.approved', 'sale.signature-not-required']);
    expect(await t.clean()).toEqual([]);
  });

  it('settling runs once at a time: callers arriving together share one inquiry and one reversal', async () => {
    const t = await setup();
    const lost = await t.swipeAndSell(1099);
    expect(lost.kind).toBe('unknown');
    const [a, b] = await Promise.all([resolveUnresolved(t.deps), resolveUnresolved(t.deps)]);
    expect(a).toBe(b);
    expect(a.map((r) => r.outcome)).toEqual(['reversed']);
    expect(t.sim.count({ type: 'reversal', saleId: lost.sale.id })).toBe(1);
    const reversedEntries = (await t.db.audit.toArray()).filter((e) => e.objectId === lost.sale.id && e.action === 'sale.reversed');
    expect(reversedEntries).toHaveLength(1);
  });

  it('settling leaves alone a sale this window is still sending (the link changing mid-sale)', async () => {
    const t = await setup({ acquirer: { simulatedLatencyMs: 400 } });
    const { cardRef } = t.vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
    const created = await beginSale(t.deps, { kind: 'sale', amountFen: 1300, reference: '', note: '', originalSaleId: null });
    const sending = authorizeSale(t.deps, created, cardRef, true, { card: summary(cardRef) });
    await expect.poll(async () => (await t.db.sales.get(created.id))?.state).toBe('authorizing');
    expect(await resolveUnresolved(t.deps)).toEqual([]);
    expect((await sending).kind).toBe('approved');
    expect(t.sim.count({ type: 'reversal' })).toBe(0);
    expect(t.sim.count({ type: 'inquiry' })).toBe(0);
  });

  it('a refusal before sending still records which card was read', async () => {
    const t = await setup({ offline: { enabled: true, allowSwiped: false } });
    const { cardRef } = t.vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
    const created = await beginSale(t.deps, { kind: 'sale', amountFen: 1500, reference: '', note: '', originalSaleId: null });
    const r = await authorizeSale(t.deps, created, cardRef, false, { card: summary(cardRef) });
    expect(r).toMatchObject({ kind: 'refused', reason: 'swiped-not-allowed' });
    expect(r.sale).toMatchObject({ state: 'cancelled', last4: '1232' });
    const actions = (await t.db.audit.orderBy('seq').toArray()).filter((e) => e.objectId === created.id).map((e) => e.action);
    expect(actions).toEqual(['sale.create', 'sale.card-read', 'sale.offline-refused']);
  });

  /** Makes every write of a sale reaching `state` fail as a full disk would, inside the transaction. */
  const failWritesOf = (db: CountersignDb, state: string) => {
    const put = db.sales.put.bind(db.sales);
    db.sales.put = ((record: { state: string }, key?: string) =>
      record.state === state ? Promise.reject(new DOMException('disk full', 'QuotaExceededError')) : put(record as never, key)) as unknown as typeof db.sales.put;
    return () => {
      db.sales.put = put;
    };
  };

  it('the write-ahead cannot be saved: refused, nothing sent, the sale as it was', async () => {
    const t = await setup();
    const { cardRef } = t.vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
    const created = await beginSale(t.deps, { kind: 'sale', amountFen: 1500, reference: '', note: '', originalSaleId: null });
    failWritesOf(t.db, 'authorizing');
    const r = await authorizeSale(t.deps, created, cardRef, true, { card: summary(cardRef) });
    expect(r).toMatchObject({ kind: 'refused', reason: 'not-recorded' });
    expect(await t.db.sales.get(created.id)).toMatchObject({ state: 'created', version: 1, last4: '' });
    expect(t.sim.count({ type: 'sale' })).toBe(0);
  });

  it('the approval cannot be saved: unknown, and reversed before the next sale', async () => {
    const t = await setup();
    const restore = failWritesOf(t.db, 'approved');
    const lost = await t.swipeAndSell(1500);
    expect(lost.kind).toBe('unknown');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'authorizing' });
    expect(t.sim.standingApprovals().map((a) => a.amountFen)).toEqual([1500]);
    restore();
    const next = await t.swipeAndSell(2000);
    expect(next.kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.sim.standingApprovals().map((a) => a.amountFen)).toEqual([2000]);
  });

  it('a sale left waiting for its card by an earlier run is cancelled, never sent; this run’s are left alone', async () => {
    const t = await setup();
    const earlier = await beginSale(t.deps, { kind: 'sale', amountFen: 700, reference: '', note: '', originalSaleId: null });
    await t.db.sales.update(earlier.id, { createdAt: Date.now() - 3_600_000 });
    const atPrompt = await attachCard(t.deps, await beginSale(t.deps, { kind: 'sale', amountFen: 800, reference: '', note: '', originalSaleId: null }), summary('ref-x'));
    await t.db.sales.update(atPrompt.id, { createdAt: Date.now() - 3_600_000 });
    const current = await beginSale(t.deps, { kind: 'sale', amountFen: 900, reference: '', note: '', originalSaleId: null });
    expect(await resolveUnresolved(t.deps)).toEqual([]);
    expect((await t.db.sales.get(earlier.id))?.state).toBe('cancelled');
    expect((await t.db.sales.get(atPrompt.id))?.state).toBe('cancelled');
    expect((await t.db.sales.get(current.id))?.state).toBe('created');
    const reasons = (await t.db.audit.toArray()).filter((e) => e.action === 'sale.cancel').map((e) => e.detail['reason']);
    expect(reasons).toEqual(['abandoned', 'abandoned']);
    expect(await t.db.counters.get('state:created')).toMatchObject({ value: 1 });
    expect(t.sim.messages.filter((m) => m.saleId === earlier.id || m.saleId === atPrompt.id)).toEqual([]);
  });

  it('a charged sale an earlier run left before its signature joins the unsigned follow-up, once; this run’s is left alone', async () => {
    const t = await setup({ signature: { rule: 'always' } });
    const sell = async (amountFen: number) => {
      const { cardRef } = t.vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
      const created = await beginSale(t.deps, { kind: 'sale', amountFen, reference: '', note: '', originalSaleId: null });
      return authorizeSale(t.deps, created, cardRef, true, { card: summary(cardRef), signatureNotRequired: false });
    };
    const left = await sell(1200);
    expect(left.sale).toMatchObject({ state: 'approved', signatureState: 'pending' });
    // As if taken in an earlier run that started two hours ago (which looked for leftovers up to then).
    await t.db.sales.update(left.sale.id, { createdAt: Date.now() - 3_600_000 });
    await t.db.settings.put({ key: 'sales.interrupted-checked-until', value: Date.now() - 7_200_000, updatedAt: Date.now() });
    const current = await sell(1300);
    expect(await resolveUnresolved(t.deps)).toEqual([]);
    expect(await t.db.sales.get(left.sale.id)).toMatchObject({ state: 'approved', signatureState: 'unsigned' });
    expect(await t.db.sales.get(current.sale.id)).toMatchObject({ signatureState: 'pending' });
    expect(await t.db.counters.get('signature:unsigned')).toMatchObject({ value: 1 });
    await resolveUnresolved(t.deps);
    const entries = (await t.db.audit.toArray()).filter((e) => e.action === 'sale.unsigned');
    expect(entries.map((e) => [e.objectId, e.detail['reason']])).toEqual([[left.sale.id, 'interrupted']]);
  });

  it('a sale declined after forwarding is flagged for follow-up', async () => {
    const t = await setup({ offline: { enabled: true, allowSwiped: true } });
    t.ctx.settings.set({ acquirer: { simulatedOutage: true } });
    expect((await t.swipeAndSell(1051)).kind).toBe('offline');
    t.ctx.settings.set({ acquirer: { simulatedOutage: false } });
    const [f] = await forwardOfflineQueue(t.deps);
    expect(f?.sale).toMatchObject({ state: 'declined', responseCode: '51', followUp: 'open' });
  });
});

describe('the renderer sale flow over ISO 8583 (host simulator on loopback)', () => {
  const live = async () => {
    const host = new HostSimulator();
    const { port } = await host.start();
    stops.push(() => host.stop());
    const t = await setup({ general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 500, responseTimeoutMs: 1000 } });
    return { ...t, host };
  };

  it('an answer dropped after approval: unknown, then inquiry + one reversal before the next sale', async () => {
    const t = await live();
    t.host.dropNext(1, ['sale']);
    const lost = await t.swipeAndSell(4200);
    expect(lost.kind).toBe('unknown');
    expect((await t.swipeAndSell(1250)).kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.host.count({ kind: 'reversal', stan: lost.sale.stan ?? '' })).toBe(1);
    expect(t.host.count({ kind: 'sale', stan: lost.sale.stan ?? '' })).toBe(1);
    expect(t.host.standingApprovals().map((b) => b.amountFen)).toEqual([1250]);
    expect(await t.clean()).toEqual([]);
  });

  it('the socket closed mid-request: unknown, resolved before the next sale', async () => {
    const t = await live();
    t.host.closeNext(1, ['sale']);
    const cut = await t.swipeAndSell(3000);
    expect(cut.kind).toBe('unknown');
    expect((await t.swipeAndSell(3100)).kind).toBe('approved');
    expect(await t.db.sales.get(cut.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.host.count({ kind: 'reversal' })).toBe(1);
  });

  it('host down and offline sales off: refused with link-down, nothing sent', async () => {
    const t = await live();
    await t.host.down();
    const r = await t.swipeAndSell(1250);
    expect(r).toMatchObject({ kind: 'refused', reason: 'link-down' });
    expect(t.host.records.filter((x) => x.kind === 'sale')).toHaveLength(0);
  });
});
