import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import { buildReceipt, sampleReceiptInput } from '../../shared/domain/receipt';
import type { PrintResult } from '../../shared/ipc/commands/printer';
import { makeTestContext, memorySecrets } from '../../test/fakes/test-core';
import { EventBus } from '../services/event-bus';
import { silentLogger } from '../services/logger';
import { SettingsStore } from '../services/settings-store';
import { getPrinterService, registerPrinter } from './printer-module';

const stops: Array<() => Promise<void> | void> = [];

const makeCore = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-printer-'));
  const events = new EventBus(silentLogger);
  const seen: Array<{ name: string; payload: unknown }> = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const t = await makeTestContext({ dataDir, logger: silentLogger, events, settings: new SettingsStore(dataDir, silentLogger), secrets: memorySecrets(0) });
  stops.push(t.stop);
  const ctx = t.ctx;
  const operator = t.signedIn('cashier');
  await registerPrinter(ctx, { pollMs: 0, timeouts: { replyMs: 300, connectMs: 1_000 }, processedTimeoutMs: 600, virtualPng: true });
  const call = async (name: string, payload: unknown) => ctx.router.dispatch(name, payload, operator);
  return { ctx, dataDir, seen, call };
};

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const markup = buildReceipt(sampleReceiptInput({ paper: 80 }));

describe('registerPrinter (training mode: the virtual printer)', () => {
  it('starts the virtual printer and prints a receipt to it, confirmed with its hash', async () => {
    const { ctx, call, dataDir, seen } = await makeCore();
    const result = await call('printer:print', { jobId: uuidv7(), markup, copy: 'merchant' });
    expect(result.ok).toBe(true);
    const value = (result as { ok: true; value: PrintResult }).value;
    expect(value).toMatchObject({ state: 'confirmed', failure: null, sent: true });
    expect(value.bytesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(value.printer).toMatch(/^virtual 127\.0\.0\.1:\d+$/);

    const receipts = await call('printer:virtual-receipts', {});
    const list = (receipts as { ok: true; value: { receipts: Array<{ text: string; pngDataUrl: string | null }> } }).value.receipts;
    expect(list[0]?.text).toContain('示例商店 Sample Shop');
    expect(list[0]?.pngDataUrl).toMatch(/^data:image\/png;base64,/);
    const files = readdirSync(join(dataDir, 'virtual-printer'));
    expect(files.some((f) => f.endsWith('.txt'))).toBe(true);
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    const txt = files.find((f) => f.endsWith('.txt'));
    expect(txt && readFileSync(join(dataDir, 'virtual-printer', txt), 'utf8')).toContain('**** 1232');

    expect(ctx.devices.get('printer:main')).toMatchObject({ kind: 'printer', transport: 'virtual', virtual: true });
    expect(seen.some((e) => e.name === 'printer:virtual-printed')).toBe(true);
  });

  it('fails visibly when the paper is out, and a reprint works once it is back', async () => {
    const { call, seen, ctx } = await makeCore();
    await call('printer:virtual-state', { state: 'paper-end' });
    const failed = (await call('printer:print', { jobId: uuidv7(), markup, copy: 'customer' })) as { ok: true; value: PrintResult };
    expect(failed.value).toMatchObject({ state: 'failed', failure: 'paper-end', sent: false });
    const status = await call('printer:status', {});
    expect(status).toMatchObject({ ok: true, value: { condition: 'paper-end' } });
    expect(ctx.devices.get('printer:main')?.status).toBe('error');
    expect(seen.some((e) => e.name === 'printer:status-changed' && (e.payload as { condition: string }).condition === 'paper-end')).toBe(true);

    await call('printer:virtual-state', { state: 'online' });
    const again = (await call('printer:print', { jobId: uuidv7(), markup, copy: 'customer' })) as { ok: true; value: PrintResult };
    expect(again.value.state).toBe('confirmed');
  });

  it('never prints the same job twice', async () => {
    const { call } = await makeCore();
    const jobId = uuidv7();
    expect(await call('printer:print', { jobId, markup, copy: 'merchant' })).toMatchObject({ ok: true, value: { state: 'confirmed' } });
    expect(await call('printer:print', { jobId, markup, copy: 'merchant' })).toMatchObject({ ok: true, value: { state: 'failed', failure: 'duplicate-job' } });
  });

  it('test-prints and checks the paper width', async () => {
    const { call } = await makeCore();
    expect(await call('printer:test-print', { kind: 'test' })).toMatchObject({ ok: true, value: { state: 'confirmed' } });
    expect(await call('printer:test-print', { kind: 'width-check' })).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });

  it('names a receipt too wide for the printer without sending anything', async () => {
    const { call, ctx } = await makeCore();
    ctx.settings.set({ printer: { paperWidth: 58, dotsPerLine: 384 } });
    const result = (await call('printer:print', { jobId: uuidv7(), markup, copy: 'merchant' })) as { ok: true; value: PrintResult };
    expect(result.value).toMatchObject({ state: 'failed', failure: 'paper-mismatch', sent: false, bytesSha256: null });
  });

  it('rejects malformed requests and reports an unconfigured USB printer outside training', async () => {
    const { call, ctx } = await makeCore();
    expect(await call('printer:print', { jobId: 'x', markup: '', copy: 'merchant' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    ctx.settings.set({ general: { trainingMode: false }, printer: { transport: 'usb' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(getPrinterService(ctx)?.virtual).toBeNull();
    expect(await call('printer:status', {})).toMatchObject({ ok: true, value: { transport: 'usb', condition: 'not-configured' } });
    expect(await call('printer:virtual-receipts', {})).toMatchObject({ ok: true, value: { running: false, receipts: [] } });
  });
});
