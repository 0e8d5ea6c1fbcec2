import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountersignDb } from '../../renderer/src/data/db';
import { authorizeSale, beginSale, attachCard } from '../../renderer/src/services/sale-send';
import { HostSimulator } from './host-sim';
import { startConsole, summary } from './console-under-test';

/**
 * The renderer's one send path and settlement (renderer/src/services) against the real acquirer
 * module, over the router, with IndexedDB faked: the contract holds end to end, nothing is
 * charged twice, and no card data reaches the records, the data folder or the log.
 */
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('the sale flow over the acquirer module (training host)', () => {
  it('approves a sale with host references and its link written ahead', async () => {
    const t = await startConsole(stops);
    const r = await t.sellAttached(1250);
    expect(r.kind).toBe('approved');
    expect(r.sale).toMatchObject({ state: 'approved', responseCode: '00', stan: expect.stringMatching(/^\d{6}$/) as unknown, batch: '000001', linkId: 'training' });
    expect(await t.clean()).toEqual([]);
  });

  it('a lost answer leaves the sale unknown; the next sale reverses it first, exactly once, and keeps its own (empty) response code', async () => {
    const t = await startConsole(stops);
    const lost = await t.sellAttached(1099);
    expect(lost.kind).toBe('unknown');
    const next = await t.sellAttached(2000);
    expect(next.kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed', responseCode: null, reversalCode: '00', signatureState: 'not-required' });
    expect(t.sim().count({ type: 'reversal', saleId: lost.sale.id })).toBe(1);
    expect(t.sim().count({ type: 'inquiry', saleId: lost.sale.id })).toBe(1);
    expect(t.sim().standingApprovals().map((a) => a.amountFen)).toEqual([2000]);
    expect(await t.settle()).toEqual([]);
    expect(t.sim().count({ type: 'reversal' })).toBe(1);
  });

  it('host down: accepted offline and sealed on its link; host back: forwarded exactly once and the seal is gone', async () => {
    const t = await startConsole(stops, { offline: { enabled: true, allowSwiped: true } });
    t.main.ctx.settings.set({ acquirer: { simulatedOutage: true } });
    const a = await t.sellAttached(1200, true);
    const b = await t.sellAttached(1300, false);
    expect([a.kind, b.kind]).toEqual(['offline', 'offline']);
    expect(a.sale).toMatchObject({ linkId: 'training', sealed: expect.stringMatching(/^[A-Za-z0-9+/]+={0,2}$/) as unknown });
    // Numbered when accepted, so the offline slip prints its batch and trace; forwarding keeps them.
    expect([a.sale.stan, b.sale.stan]).toEqual([expect.stringMatching(/^\d{6}$/), expect.stringMatching(/^\d{6}$/)]);
    expect(b.sale.stan).not.toBe(a.sale.stan);
    expect(a.sale.batch).toMatch(/^\d{6}$/);
    t.main.ctx.settings.set({ acquirer: { simulatedOutage: false } });
    const forwarded = await t.forward();
    expect(forwarded.map((f) => f.sale.stan)).toEqual([a.sale.stan, b.sale.stan]);
    expect(forwarded.map((f) => f.outcome)).toEqual(['approved', 'approved']);
    expect(await t.forward()).toEqual([]);
    expect(t.sim().count({ type: 'advice' })).toBe(2);
    expect(new Set(t.sim().messages.filter((m) => m.type === 'advice').map((m) => m.saleId)).size).toBe(2);
    expect((await t.db.sales.toArray()).map((s) => s.sealed)).toEqual([null, null]);
    expect(await t.clean()).toEqual([]);
  });

  it('the counter path: card read and authorizing in one write, approval with its signature state and print jobs in the next', async () => {
    const t = await startConsole(stops);
    const cardRef = t.swipe();
    const created = await beginSale(t.send, { amountFen: 1500, reference: '', note: '' });
    const r = await authorizeSale(t.send, created, cardRef, true, { card: summary(cardRef) });
    expect(r.kind).toBe('approved');
    expect(r.sale).toMatchObject({ state: 'approved', signatureState: 'not-required', last4: '1232', fingerprint: 'f'.repeat(64) });
    expect(r.sale.version).toBe(5);
    const actions = (await t.db.audit.orderBy('seq').toArray()).filter((e) => e.objectId === created.id).map((e) => e.action);
    expect(actions).toEqual(['sale.create', 'sale.card-read', 'sale.authorizing', 'sale.approved', 'sale.signature-not-required']);
    expect((await t.db.printJobs.where('saleId').equals(created.id).toArray()).map((j) => [j.copy, j.state])).toEqual([
      ['merchant', 'queued'],
      ['customer', 'queued'],
    ]);
    expect(await t.clean()).toEqual([]);
  });

  it('settling runs once at a time: callers arriving together share one inquiry and one reversal', async () => {
    const t = await startConsole(stops);
    const lost = await t.sellAttached(1099);
    expect(lost.kind).toBe('unknown');
    const [a, b] = await Promise.all([t.settle(), t.settle()]);
    expect(a).toBe(b);
    expect(a.map((r) => r.outcome)).toEqual(['reversed']);
    expect(t.sim().count({ type: 'reversal', saleId: lost.sale.id })).toBe(1);
    expect((await t.db.audit.toArray()).filter((e) => e.objectId === lost.sale.id && e.action === 'sale.reversed')).toHaveLength(1);
  });

  it('settling leaves alone a sale this window is still sending (the link changing mid-sale)', async () => {
    const t = await startConsole(stops, { acquirer: { simulatedLatencyMs: 400 } });
    const cardRef = t.swipe();
    const created = await beginSale(t.send, { amountFen: 1300, reference: '', note: '' });
    const sending = authorizeSale(t.send, created, cardRef, true, { card: summary(cardRef) });
    await expect.poll(async () => (await t.db.sales.get(created.id))?.state).toBe('authorizing');
    expect(await t.settle()).toEqual([]);
    expect((await sending).kind).toBe('approved');
    expect(t.sim().count({ type: 'reversal' })).toBe(0);
    expect(t.sim().count({ type: 'inquiry' })).toBe(0);
  });

  it('a refusal before sending still records which card was read, and needs no signature', async () => {
    const t = await startConsole(stops, { offline: { enabled: true, allowSwiped: false } });
    const cardRef = t.swipe();
    const created = await beginSale(t.send, { amountFen: 1500, reference: '', note: '' });
    const r = await authorizeSale(t.send, created, cardRef, false, { card: summary(cardRef) });
    expect(r).toMatchObject({ kind: 'refused', reason: 'swiped-not-allowed' });
    expect(r.sale).toMatchObject({ state: 'cancelled', last4: '1232', signatureState: 'not-required' });
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
    const t = await startConsole(stops);
    const cardRef = t.swipe();
    const created = await beginSale(t.send, { amountFen: 1500, reference: '', note: '' });
    failWritesOf(t.db, 'authorizing');
    const r = await authorizeSale(t.send, created, cardRef, true, { card: summary(cardRef) });
    expect(r).toMatchObject({ kind: 'refused', reason: 'storage-full' });
    expect(await t.db.sales.get(created.id)).toMatchObject({ state: 'created', version: 1, last4: '' });
    expect(t.sim().count({ type: 'sale' })).toBe(0);
  });

  it('the approval cannot be saved: unknown, and reversed before the next sale', async () => {
    const t = await startConsole(stops);
    const restore = failWritesOf(t.db, 'approved');
    const lost = await t.sellAttached(1500);
    expect(lost.kind).toBe('unknown');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'authorizing' });
    expect(t.sim().standingApprovals().map((a) => a.amountFen)).toEqual([1500]);
    restore();
    expect((await t.sellAttached(2000)).kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.sim().standingApprovals().map((a) => a.amountFen)).toEqual([2000]);
  });

  it('a sale left waiting for its card by an earlier run is cancelled, never sent; this run’s are left alone', async () => {
    const t = await startConsole(stops);
    const earlier = await beginSale(t.send, { amountFen: 700, reference: '', note: '' });
    await t.db.sales.update(earlier.id, { createdAt: Date.now() - 3_600_000 });
    const atPrompt = await attachCard(t.send, await beginSale(t.send, { amountFen: 800, reference: '', note: '' }), summary('cr_x'));
    await t.db.sales.update(atPrompt.id, { createdAt: Date.now() - 3_600_000 });
    const current = await beginSale(t.send, { amountFen: 900, reference: '', note: '' });
    expect(await t.settle()).toEqual([]);
    expect((await t.db.sales.get(earlier.id))?.state).toBe('cancelled');
    expect((await t.db.sales.get(atPrompt.id))?.state).toBe('cancelled');
    expect((await t.db.sales.get(current.id))?.state).toBe('created');
    expect((await t.db.audit.toArray()).filter((e) => e.action === 'sale.cancel').map((e) => e.detail['reason'])).toEqual(['abandoned', 'abandoned']);
    expect(await t.db.counters.get('state:created')).toMatchObject({ value: 1 });
    expect(t.sim().messages.filter((m) => m.saleId === earlier.id || m.saleId === atPrompt.id)).toEqual([]);
  });

  it('a sale declined after forwarding is flagged for follow-up and leaves the unsigned list', async () => {
    const t = await startConsole(stops, { offline: { enabled: true, allowSwiped: true }, signature: { rule: 'always' } });
    t.main.ctx.settings.set({ acquirer: { simulatedOutage: true } });
    const offline = await t.sellAttached(1051);
    expect(offline.sale).toMatchObject({ state: 'offline-accepted', signatureState: 'unsigned' });
    t.main.ctx.settings.set({ acquirer: { simulatedOutage: false } });
    const [f] = await t.forward();
    expect(f?.sale).toMatchObject({ state: 'declined', responseCode: '51', followUp: 'open', signatureState: 'not-required' });
  });
});

describe('the sale flow over ISO 8583 (host simulator on loopback)', () => {
  const live = async () => {
    const host = new HostSimulator();
    const { port } = await host.start();
    stops.push(() => host.stop());
    const t = await startConsole(stops, { general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 500, responseTimeoutMs: 1000 } });
    return Object.assign(t, { host });
  };

  it('an answer dropped after approval: unknown, then inquiry + one reversal before the next sale', async () => {
    const t = await live();
    t.host.dropNext(1, ['sale']);
    const lost = await t.sellAttached(4200);
    expect(lost.kind).toBe('unknown');
    expect(lost.sale.linkId).toMatch(/^iso8583:127\.0\.0\.1:\d+\/10000001$/);
    expect((await t.sellAttached(1250)).kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.host.count({ kind: 'reversal', stan: lost.sale.stan ?? '' })).toBe(1);
    expect(t.host.count({ kind: 'sale', stan: lost.sale.stan ?? '' })).toBe(1);
    expect(t.host.standingApprovals().map((b) => b.amountFen)).toEqual([1250]);
    expect(await t.clean()).toEqual([]);
  });

  it('the socket closed mid-request: unknown, resolved before the next sale', async () => {
    const t = await live();
    t.host.closeNext(1, ['sale']);
    const cut = await t.sellAttached(3000);
    expect(cut.kind).toBe('unknown');
    expect((await t.sellAttached(3100)).kind).toBe('approved');
    expect(await t.db.sales.get(cut.sale.id)).toMatchObject({ state: 'reversed' });
    expect(t.host.count({ kind: 'reversal' })).toBe(1);
  });

  it('host down and offline sales off: refused with link-down, nothing sent', async () => {
    const t = await live();
    await t.host.down();
    const r = await t.sellAttached(1250);
    expect(r).toMatchObject({ kind: 'refused', reason: 'link-down' });
    expect(t.host.records.filter((x) => x.kind === 'sale')).toHaveLength(0);
  });
});
