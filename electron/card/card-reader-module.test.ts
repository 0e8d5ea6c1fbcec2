import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardSummary } from '../../shared/ipc/commands/card-reader';
import type { EventName } from '../../shared/ipc/contract';
import { buildIdtechFrame, buildV5Report } from '../../test/fixtures/hid/builders';
import { FakeCardReader } from '../../test/fakes/fake-card-reader';
import { findSentinel } from '../../test/card-sentinel';
import type { Sender } from '../ipc/router';
import { makeTestContext } from '../../test/fakes/test-core';
import { encodeMagtekReport } from '../devices/magtek-report';
import { SENTINEL_TEST_PAN } from '../devices/test-cards';
import { VIRTUAL_READER_ID } from '../devices/virtual-card-reader';
import { EventBus } from '../services/event-bus';
import { createFileLogger } from '../services/logger';
import { SettingsStore } from '../services/settings-store';
import { KeyFileSecretStore } from '../web-host/key-file-secrets';
import { getCardVault, KEYBOARD_READER_ID, registerCardReader } from './card-reader-module';
import { CARD_LIFETIME_MS, CardVault } from './card-vault';

const NOW = new Date('2026-11-23T10:00:00+08:00');
const dirs: string[] = [];

const setup = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'card-reader-'));
  dirs.push(dataDir);
  const logger = createFileLogger(dataDir);
  const events = new EventBus(logger);
  const trace: Array<{ name: EventName; payload: unknown; audience: ReadonlySet<string> | null }> = [];
  events.subscribe((name, payload, audience) => trace.push({ name, payload, audience }));
  const t = await makeTestContext({ dataDir, logger, events, secrets: new KeyFileSecretStore(dataDir), settings: new SettingsStore(dataDir, logger) });
  const ctx = t.ctx;
  let clock = NOW.getTime();
  const vault = new CardVault({ now: () => clock, schedule: () => () => undefined });
  const hid = new FakeCardReader();
  await registerCardReader(ctx, { hidReader: hid, vault, now: () => new Date(clock) });
  const cashier = t.signedIn('cashier');
  const call = (name: string, payload: unknown, sender: Sender = cashier) => ctx.router.dispatch(name, payload, sender);
  return { ctx, t, cashier, dataDir, trace, vault, hid, call, stop: t.stop, advance: (ms: number) => (clock += ms) };
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const summaryOf = (envelope: unknown): CardSummary => {
  const e = envelope as { ok: boolean; value: CardSummary };
  expect(e.ok).toBe(true);
  return e.value;
};

describe('card-reader module', () => {
  it('lists the virtual and keyboard readers and the virtual test cards', async () => {
    const { ctx, call, stop } = await setup();
    expect(ctx.devices.list().map((d) => [d.id, d.transport, d.virtual])).toEqual([
      [KEYBOARD_READER_ID, 'keyboard', false],
      [VIRTUAL_READER_ID, 'virtual', true],
    ]);
    const list = (await call('card-reader:test-cards', {})) as { ok: true; value: { enabled: boolean; cards: Array<{ id: string }> } };
    expect(list.value.enabled).toBe(true);
    expect(list.value.cards.map((c) => c.id)).toEqual(['unionpay-debit', 'visa', 'mastercard-2series', 'chip-swiped', 'expired', 'bad-swipe']);
    await stop();
  });

  it('a test swipe goes through the MagTek decoder to a masked summary, a swiped event and the vault', async () => {
    const { ctx, trace, call, stop } = await setup();
    const s = summaryOf(await call('card-reader:test-swipe', { testCard: 'unionpay-debit' }));
    expect(s).toMatchObject({ maskedPan: '**** 1232', last4: '1232', bin: '621234', brand: 'unionpay', entryMode: 'hid-swipe', source: 'virtual', chip: false, encrypted: false, expiryValid: true, readerId: VIRTUAL_READER_ID });
    expect(s.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(trace.filter((e) => e.name === 'card-reader:swiped')).toHaveLength(1);
    expect(ctx.devices.get(VIRTUAL_READER_ID)?.lastEventAt).toBe(NOW.toISOString());
    const clear = getCardVault(ctx).take(s.cardRef);
    expect(clear).toMatchObject({ pan: SENTINEL_TEST_PAN, entryMode: 'hid-swipe', serviceCode: '101' });
    expect(getCardVault(ctx).take(s.cardRef)).toBeNull();
    await stop();
  });

  it('each test card gives its brand, chip flag or specific failure', async () => {
    const { call, trace, stop } = await setup();
    expect(summaryOf(await call('card-reader:test-swipe', { testCard: 'visa' })).brand).toBe('visa');
    expect(summaryOf(await call('card-reader:test-swipe', { testCard: 'mastercard-2series' })).brand).toBe('mastercard');
    expect(summaryOf(await call('card-reader:test-swipe', { testCard: 'chip-swiped' })).chip).toBe(true);
    expect(await call('card-reader:test-swipe', { testCard: 'expired' })).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'expired' } });
    expect(await call('card-reader:test-swipe', { testCard: 'bad-swipe' })).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'bad-lrc' } });
    expect(trace.filter((e) => e.name === 'card-reader:failed').map((e) => e.payload)).toMatchObject([
      { reason: 'expired', source: 'virtual', readerId: VIRTUAL_READER_ID },
      { reason: 'bad-lrc', source: 'virtual' },
    ]);
    await stop();
  });

  it('parses keyboard swipes with the same parser and refuses bad ones by reason', async () => {
    const { call, stop } = await setup();
    const raw = `%B${SENTINEL_TEST_PAN}^TEST/CARD^3012101000?;${SENTINEL_TEST_PAN}=3012101000?\r`;
    expect(summaryOf(await call('card-reader:keyboard-swipe', { raw }))).toMatchObject({ entryMode: 'keyboard-swipe', source: 'keyboard', last4: '1232', readerId: KEYBOARD_READER_ID });
    expect(await call('card-reader:keyboard-swipe', { raw: 'hello' })).toMatchObject({ ok: false, error: { code: 'CARD', reason: 'no-start-sentinel' } });
    expect(await call('card-reader:keyboard-swipe', { raw: `;${SENTINEL_TEST_PAN.slice(0, -1)}3=3012101?` })).toMatchObject({ ok: false, error: { reason: 'luhn-failed' } });
    expect(await call('card-reader:keyboard-swipe', { raw: ';'.repeat(513) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'raw' } });
    expect(await call('card-reader:keyboard-swipe', { raw, extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await stop();
  });

  it('turning the virtual reader off removes it and refuses test swipes', async () => {
    const { ctx, call, stop } = await setup();
    ctx.settings.set({ cardReader: { virtualReader: false } });
    expect(ctx.devices.get(VIRTUAL_READER_ID)).toBeUndefined();
    expect(await call('card-reader:test-swipe', { testCard: 'visa' })).toMatchObject({ ok: false, error: { code: 'DEVICE', reason: 'virtual-reader-off' } });
    ctx.settings.set({ cardReader: { virtualReader: true } });
    expect(ctx.devices.get(VIRTUAL_READER_ID)?.status).toBe('ready');
    await stop();
  });

  it('follows HID readers: attach, clear and encrypted reports, open errors, detach', async () => {
    const { ctx, hid, trace, stop } = await setup();
    expect(hid.started).toBe(true);
    const reader = hid.attach();
    expect(ctx.devices.get(reader.id)).toMatchObject({ transport: 'hid', vendorId: 0x0801, productId: 0x0002, status: 'ready', detail: 'magtek-337' });
    hid.report(reader.id, encodeMagtekReport({ track2: `;${SENTINEL_TEST_PAN}=3012101000?` }));
    hid.report(reader.id, buildV5Report({ masked: { track2: ';5452000000007189=30120000000000000000?' }, encrypted: { track2: new Uint8Array(40).fill(1) } }), 'magtek-v5');
    hid.report(reader.id, buildIdtechFrame({ masked: { track2: ';476173******0119=3012*************?' } }), 'idtech-enhanced');
    hid.report(reader.id, new Uint8Array(12), 'magtek-337');
    const swiped = trace.filter((e) => e.name === 'card-reader:swiped').map((e) => e.payload as CardSummary);
    expect(swiped.map((s) => [s.source, s.brand, s.last4, s.encrypted, s.bin])).toEqual([
      ['hid', 'unionpay', '1232', false, '621234'],
      ['hid', 'mastercard', '7189', true, null],
      ['hid', 'visa', '0119', true, '476173'],
    ]);
    expect(getCardVault(ctx).take(swiped[1]?.cardRef ?? '')).toBeNull();
    expect(getCardVault(ctx).takeEncrypted(swiped[1]?.cardRef ?? '')?.encryptedTrack2?.length).toBe(40);
    expect(trace.filter((e) => e.name === 'card-reader:failed').map((e) => e.payload)).toMatchObject([{ reason: 'report-truncated', source: 'hid', readerId: reader.id }]);
    hid.fail(reader.id);
    expect(ctx.devices.get(reader.id)).toMatchObject({ status: 'error', detail: 'open-failed' });
    hid.detach(reader.id, 'read-error');
    expect(ctx.devices.get(reader.id)).toBeUndefined();
    await stop();
    expect(hid.stopped).toBe(true);
  });

  it('sends a swipe only to the window that asked, or to signed-in windows: never the customer, a locked or a signed-out one', async () => {
    const { ctx, t, cashier, hid, trace, call, stop } = await setup();
    const other = t.signedIn('manager');
    const locked = t.signedIn('cashier');
    ctx.sessions.lock(locked.id);
    const anonymous = t.anonymous();
    const customer = { ...t.anonymous(), customer: true };
    await call('card-reader:test-swipe', { testCard: 'visa' });
    await call('card-reader:keyboard-swipe', { raw: ';6212345678901232=3012101000?' }, other);
    const reader = hid.attach({ id: 'card-reader:hid:0801:0002:t', mode: 'hid', format: 'magtek-337', vendorId: 0x0801, productId: 0x0002 });
    hid.report(reader.id, encodeMagtekReport({ track2: `;${SENTINEL_TEST_PAN}=3012101000?` }));
    const audiences = trace.filter((e) => e.name === 'card-reader:swiped').map((e) => [...(e.audience ?? ['EVERYONE'])].sort());
    expect(audiences).toEqual([[cashier.id], [other.id], [cashier.id, other.id].sort()]);
    for (const nobody of [locked, anonymous, customer]) expect(audiences.flat()).not.toContain(nobody.id);
    expect(await call('card-reader:test-swipe', { testCard: 'visa' }, customer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'customer-window' } });
    expect(await call('card-reader:test-swipe', { testCard: 'visa' }, anonymous)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'not-signed-in' } });
    await stop();
  });

  it('lists a reader found in keyboard-emulation mode as a keyboard reader', async () => {
    const { ctx, hid, stop } = await setup();
    const r = hid.attach({ id: 'card-reader:hid:0acd:3810:kbd00001', mode: 'keyboard', format: null, vendorId: 0x0acd, productId: 0x3810 });
    expect(ctx.devices.get(r.id)).toMatchObject({ transport: 'keyboard', detail: 'keyboard-mode' });
    await stop();
  });

  it('memory-only: after swipes and the vault expiry, the sentinel PAN and track are in no file, log line, event or response', async () => {
    const { ctx, dataDir, trace, vault, call, hid, advance, stop } = await setup();
    const responses: unknown[] = [];
    responses.push(await call('card-reader:test-swipe', { testCard: 'unionpay-debit' }));
    responses.push(await call('card-reader:keyboard-swipe', { raw: `%B${SENTINEL_TEST_PAN}^TEST/CARD^3012101000?;${SENTINEL_TEST_PAN}=3012101000?\r` }));
    responses.push(await call('card-reader:keyboard-swipe', { raw: `;${SENTINEL_TEST_PAN}=1212101000?` })); // expired
    const reader = hid.attach();
    hid.report(reader.id, encodeMagtekReport({ track2: `;${SENTINEL_TEST_PAN}=3012101000?` }));
    expect(vault.size).toBe(3);
    advance(CARD_LIFETIME_MS);
    expect(vault.sweep()).toBe(3);
    const summaries = responses.filter((r) => (r as { ok: boolean }).ok).map((r) => (r as { value: CardSummary }).value);
    for (const s of summaries) expect(getCardVault(ctx).take(s.cardRef)).toBeNull();
    await stop();
    const hits = findSentinel({
      dataDir,
      logs: trace.map((e) => JSON.stringify(e)),
      extraTexts: responses.map((r) => JSON.stringify(r)),
      needles: [SENTINEL_TEST_PAN, `${SENTINEL_TEST_PAN}=`, `B${SENTINEL_TEST_PAN}^`],
    });
    expect(hits).toEqual([]);
    // The scan itself works on this folder: the log file exists and was searched.
    expect(findSentinel({ dataDir, needles: ['card-reader.swiped'] }).length).toBeGreaterThan(0);
  });
});
