import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowserHost } from '../../electron/web-host/launch';
import { viewCounts } from '../../renderer/src/data/sales-views';
import { reverseSale } from '../../renderer/src/services/reverse-send';
import { linkChangeBlockers } from '../../renderer/src/services/settings-changes';
import { HostSimulator } from './host-sim';
import { startConsole } from './console-under-test';

/**
 * Issue 12's fault paths, each end to end: the renderer's services against main's acquirer module
 * and the ISO 8583 host simulator on loopback, with crashes and reloads as restarts of both halves.
 * Each ends in a known state: charged exactly once, settled on the right host, in a list.
 */
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const live = async (patch: Parameters<typeof startConsole>[1] = {}) => {
  const host = new HostSimulator();
  const { port } = await host.start();
  stops.push(() => host.stop());
  const t = await startConsole(stops, {
    general: { trainingMode: false },
    acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 500, responseTimeoutMs: 1000 },
    ...patch,
  });
  return Object.assign(t, { host });
};

/** Two sales taken offline while the host is down. */
const offlinePair = async (t: Awaited<ReturnType<typeof live>>) => {
  await t.host.down();
  const a = await t.sell(1200, false);
  const b = await t.sell(1300, false);
  expect([a.kind, b.kind]).toEqual(['offline', 'offline']);
  await t.host.up();
  return { a: a.sale, b: b.sale };
};

describe('offline forwarding is exactly once', () => {
  it('forward times out → host back → exactly one approval at the host, and the queue moves on meanwhile', async () => {
    const t = await live({ offline: { enabled: true, allowSwiped: true } });
    const { a, b } = await offlinePair(t);
    t.host.dropNext(1, ['advice']);
    const first = await t.forward();
    // A's advice was booked but its answer lost: A waits as `forwarding`; B behind it still went.
    expect(first.map((f) => [f.sale.id, f.outcome])).toEqual([
      [a.id, 'not-answered'],
      [b.id, 'approved'],
    ]);
    expect(await t.db.sales.get(a.id)).toMatchObject({ state: 'forwarding', forwardAttempts: 1 });
    const second = await t.forward();
    expect(second.map((f) => [f.sale.id, f.outcome])).toEqual([[a.id, 'approved']]);
    const stanA = (await t.db.sales.get(a.id))?.stan ?? '';
    expect(t.host.records.filter((r) => r.kind === 'advice' && r.stan === stanA).map((r) => [r.mti, r.duplicate])).toEqual([
      ['0220', false],
      ['0221', true],
    ]);
    expect(t.host.standingApprovals().filter((x) => x.kind === 'advice').map((x) => x.amountFen)).toEqual([1200, 1300]);
    expect(await t.db.sales.get(a.id)).toMatchObject({ state: 'approved', sealed: null });
    expect(await t.clean()).toEqual([]);
  });

  it('restart mid-forward → the advice goes again as an 0221 repeat with the same STAN, and the card is charged once', async () => {
    const t = await live({ offline: { enabled: true, allowSwiped: true } });
    await t.host.down();
    const sale = (await t.sell(4500, false)).sale;
    await t.host.up();
    t.host.dropNext(1, ['advice']);
    expect((await t.forward()).map((f) => f.outcome)).toEqual(['not-answered']);
    await t.restart();
    expect((await t.forward()).map((f) => f.outcome)).toEqual(['approved']);
    const stan = (await t.db.sales.get(sale.id))?.stan ?? '';
    expect(t.host.records.filter((r) => r.kind === 'advice').map((r) => [r.mti, r.stan])).toEqual([
      ['0220', stan],
      ['0221', stan],
    ]);
    expect(t.host.standingApprovals().map((x) => x.amountFen)).toEqual([4500]);
  });
});

describe('every record settles on its own link', () => {
  it('training switched on with live sales queued → refused by the console; main refuses the training host for them anyway', async () => {
    const t = await live({ offline: { enabled: true, allowSwiped: true } });
    const { a } = await offlinePair(t);
    const settings = t.main.ctx.settings.get();
    expect(await linkChangeBlockers(t.db, settings, { general: { trainingMode: true } })).toBe(2);
    expect(await linkChangeBlockers(t.db, settings, { general: { language: 'en' } })).toBe(0);
    // Even switched behind the console's back (DevTools, another window), nothing settles on training.
    t.main.ctx.settings.set({ general: { trainingMode: true } });
    expect((await t.forward()).map((f) => f.outcome)).toEqual(['other-link', 'other-link']);
    expect(await t.main.api.invoke('acquirer:forward', { saleId: a.id, stan: '000001', amountFen: a.amountFen, sealed: a.sealed ?? '', linkId: a.linkId ?? '', repeat: false })).toMatchObject({
      ok: false,
      error: { reason: 'link-mismatch' },
    });
    expect(await t.db.sales.get(a.id)).toMatchObject({ state: 'offline-accepted', sealed: a.sealed });
    expect(t.sim().messages.filter((m) => m.type === 'advice')).toEqual([]);
    // Back on the live host, they go.
    t.main.ctx.settings.set({ general: { trainingMode: false } });
    expect((await t.forward()).map((f) => f.outcome)).toEqual(['approved', 'approved']);
  });

  it('an unresolved live sale is never reversed by the training host', async () => {
    const t = await live();
    t.host.dropNext(1, ['sale']);
    const lost = await t.sell(4200);
    expect(lost.kind).toBe('unknown');
    t.main.ctx.settings.set({ general: { trainingMode: true } });
    expect((await t.settle()).map((r) => r.outcome)).toEqual(['other-link']);
    expect(t.sim().messages.filter((m) => m.type === 'reversal' || m.type === 'inquiry')).toEqual([]);
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'unknown' });
  });

  it('a numbered sale with no recorded link (from before links were recorded) waits for a person: neither reversed nor marked never-sent', async () => {
    const t = await live();
    t.host.dropNext(1, ['sale']);
    const lost = await t.sell(4300);
    await t.db.sales.update(lost.sale.id, { linkId: null });
    expect((await t.settle()).map((r) => r.outcome)).toEqual(['other-link']);
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'unknown' });
    expect(t.host.count({ kind: 'reversal' })).toBe(0);
  });

  it('a damaged settings file stops the start with a clear message and is kept; a fresh folder is a first run in training', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-settings-stop-'));
    const damaged = '{"general": {"trainingMode": false}, "acquirer": ';
    writeFileSync(join(dataDir, 'settings.json'), damaged);
    await expect(launchBrowserHost({ dataDir })).rejects.toThrow(/settings\.json is damaged.*does not start with default settings \(training mode\)/s);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(damaged);
    const fresh = await launchBrowserHost({ dataDir: mkdtempSync(join(tmpdir(), 'cs-settings-fresh-')) });
    stops.push(() => fresh.stop());
    expect(fresh.core.context.settings.get().general.trainingMode).toBe(true);
  });
});

describe('refunds, voids and reversals end in a known state', () => {
  it('unresolved refund after restart → resolved by inquiry, no reversal', async () => {
    const t = await live();
    const sold = await t.sell(3000);
    expect(sold.kind).toBe('approved');
    t.host.dropNext(1, ['refund']);
    const refund = await reverseSale(t.send, sold.sale, 'refund', 1000, t.grant('refund', sold.sale.id));
    expect(refund).toMatchObject({ ok: false, reason: 'no-answer' });
    await t.restart();
    const settled = await t.settle();
    expect(settled.map((r) => [r.sale.kind, r.outcome])).toEqual([['refund', 'resolved']]);
    expect(await t.db.sales.get(refund.ok ? '' : (refund.record?.id ?? ''))).toMatchObject({ state: 'approved', kind: 'refund' });
    expect(t.host.count({ kind: 'reversal' })).toBe(0);
    expect(t.host.count({ kind: 'inquiry' })).toBe(1);
  });

  it('an unresolved void after restart is resolved by inquiry, and the original is voided with it in one write', async () => {
    const t = await live();
    const sold = await t.sell(2800);
    t.host.dropNext(1, ['void']);
    const voided = await reverseSale(t.send, sold.sale, 'void', 0, t.grant('void', sold.sale.id));
    expect(voided).toMatchObject({ ok: false, reason: 'no-answer' });
    await t.restart();
    expect((await t.settle()).map((r) => r.outcome)).toEqual(['resolved']);
    expect(await t.db.sales.get(sold.sale.id)).toMatchObject({ state: 'voided' });
    expect(t.host.count({ kind: 'reversal' })).toBe(0);
  });

  it('a reversal declined 05 → follow-up with the host’s answer, not reversed; the next sale is not blocked', async () => {
    const t = await live();
    t.host.dropNext(1, ['sale']);
    const lost = await t.sell(4200);
    t.host.refuseReversalsWith('05');
    const next = await t.sell(1250);
    expect(next.kind).toBe('approved');
    expect(await t.db.sales.get(lost.sale.id)).toMatchObject({ state: 'unknown', followUp: 'open', reversalCode: '05', responseCode: null });
    expect((await viewCounts(t.db))['follow-up']).toBe(1);
    // A person's now: not tried again by itself.
    await t.settle();
    expect(t.host.count({ kind: 'reversal' })).toBe(1);
  });
});

describe('a charged sale is always somewhere', () => {
  it('crash between approval and signature → the next start lists it as unsigned and not printed, and prints its queued copies', async () => {
    const t = await live({ signature: { rule: 'always' } });
    const sold = await t.sell(6600);
    expect(sold.sale).toMatchObject({ state: 'approved', signatureState: 'unsigned' });
    expect(await viewCounts(t.db)).toMatchObject({ unsigned: 1, 'not-printed': 1 });
    expect(t.printed).toEqual([]);
    await t.restart();
    expect(await viewCounts(t.db)).toMatchObject({ unsigned: 1, 'not-printed': 1 });
    t.services.start();
    await expect.poll(() => t.printed.length).toBe(2);
    expect(t.printed.map((p) => p.copy)).toEqual(['merchant', 'customer']);
    await expect.poll(async () => (await viewCounts(t.db))['not-printed']).toBe(0);
    expect((await viewCounts(t.db)).unsigned).toBe(1);
    t.services.stop();
  });

  it('forced signature cannot be waived without a manager after a reload, whatever the setting says now', async () => {
    const t = await live({ signature: { rule: 'always', forced: true } });
    const managerId = await t.addManager('Wang', '482913');
    const sold = await t.sell(5200);
    expect(sold.sale).toMatchObject({ signatureState: 'unsigned', signatureForced: true });
    await t.restart();
    t.main.ctx.settings.set({ signature: { forced: false } });
    const { signatures } = t.services;
    expect(await signatures.finishUnsigned(sold.sale)).toBe('manager-required');
    expect(await signatures.waive(sold.sale, 'exception', { reason: 'customer left' })).toBe('manager-required');
    expect(await signatures.waive(sold.sale, 'exception', { reason: 'customer left', managerId, managerPin: '000000' })).toMatchObject({ reason: 'wrong-pin' });
    expect(await t.db.sales.get(sold.sale.id)).toMatchObject({ signatureState: 'unsigned' });
    expect(await signatures.waive(sold.sale, 'exception', { reason: 'customer left', managerId, managerPin: '482913' })).toBe('ok');
    expect(await t.db.sales.get(sold.sale.id)).toMatchObject({ signatureState: 'waived' });
    expect((await t.db.signatures.toArray()).map((s) => [s.kind, s.approvedBy])).toEqual([['exception', managerId]]);
  });
});
