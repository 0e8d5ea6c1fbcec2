import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/domain/ids';
import { buildReceipt, sampleReceiptInput } from '../shared/domain/receipt';
import type { PrintResult } from '../shared/ipc/commands/printer';
import type { Envelope } from '../shared/ipc/envelope';
import { getPrinterService, registerPrinter } from '../electron/printer/printer-module';
import { makeTestContext, memorySecrets } from './fakes/test-core';
import { EventBus } from '../electron/services/event-bus';
import { silentLogger } from '../electron/services/logger';
import { SettingsStore } from '../electron/services/settings-store';
import { CountersignDb } from '../renderer/src/data/db';
import { failedUnresolved, leftByStop, listForSale } from '../renderer/src/data/print-jobs-repo';
import { printReceipt } from '../renderer/src/services/print-receipt';
import type { VirtualPrinterState } from '../electron/printer/virtual/virtual-printer';

/**
 * The whole path: the renderer's journaled print → the host's printer module → TCP → the
 * virtual printer, for each way a print can end. Each case checks the journal row.
 */
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const setup = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-journal-'));
  const events = new EventBus(silentLogger);
  const t = await makeTestContext({ dataDir, logger: silentLogger, events, settings: new SettingsStore(dataDir, silentLogger), secrets: memorySecrets(0) });
  stops.push(t.stop);
  const ctx = t.ctx;
  const cashier = t.signedIn('cashier');
  await registerPrinter(ctx, { pollMs: 0, virtualPng: false, timeouts: { replyMs: 300, connectMs: 1_000, writeMs: 2_000 }, processedTimeoutMs: 600 });
  const db = new CountersignDb(`test-${uuidv7()}`);
  const print = (request: { jobId: string; markup: string; copy: string }) => ctx.router.dispatch('printer:print', request, cashier) as Promise<Envelope<PrintResult>>;
  const virtual = getPrinterService(ctx)?.virtual;
  if (!virtual) throw new Error('virtual printer not running');
  return { db, print, virtual };
};

const saleId = uuidv7();
const request = {
  saleId,
  copy: 'merchant' as const,
  operatorId: 'op-1',
  printer: 'virtual',
  markup: (reprint: number, at: number) => buildReceipt(sampleReceiptInput({ reprint: reprint > 0 ? { n: reprint, at } : null })),
};

describe('print journal against the virtual printer', () => {
  it('confirmed: the row holds the hash of the bytes that printed', async () => {
    const { db, print, virtual } = await setup();
    const outcome = await printReceipt({ db, print }, request);
    expect(outcome.job).toMatchObject({ state: 'confirmed', failure: null, reprint: 0 });
    expect(outcome.job.bytesSha256).toMatch(/^[0-9a-f]{64}$/);
    await virtual.whenIdle();
    expect(virtual.receipts(1)[0]?.text).toContain('示例商店');
  });

  it.each<[VirtualPrinterState | 'paper-out-mid-job', string, boolean]>([
    ['paper-end', 'paper-end', false],
    ['cover-open', 'cover-open', false],
    ['offline', 'connection-refused', false],
    ['unresponsive', 'no-reply', false],
    ['drop-mid-job', 'connection-lost', true],
    ['paper-out-mid-job', 'paper-end', true],
  ])('%s → failed(%s), listed until resolved', async (state, failure, bytesLeft) => {
    const { db, print, virtual } = await setup();
    if (state === 'paper-out-mid-job') virtual.runOutOfPaperAfter(800);
    else await virtual.setState(state);
    const outcome = await printReceipt({ db, print }, request);
    expect(outcome.job).toMatchObject({ state: 'failed', failure });
    expect(outcome.message).toBeTruthy();
    // A job that may have put half a slip out keeps its hash, so the next print is a REPRINT.
    expect(outcome.job.bytesSha256 !== null).toBe(bytesLeft);
    expect((await failedUnresolved(db)).map((j) => j.id)).toEqual([outcome.job.id]);
  });

  it('a reprint after the paper is back prints, stamped with its number', async () => {
    const { db, print, virtual } = await setup();
    expect((await printReceipt({ db, print }, request)).job.state).toBe('confirmed');
    await virtual.setState('paper-end');
    expect((await printReceipt({ db, print }, request)).job).toMatchObject({ state: 'failed', failure: 'paper-end', reprint: 1 });
    await virtual.setState('online');
    const again = await printReceipt({ db, print }, request);
    expect(again.job).toMatchObject({ state: 'confirmed', reprint: 1 });
    await virtual.whenIdle();
    expect(virtual.receipts(1)[0]?.text).toContain('重打印 REPRINT 1');
    expect((await listForSale(db, saleId)).map((j) => j.state)).toEqual(['confirmed', 'failed', 'confirmed']);
  });

  it('a reprint prints the time it was printed beside the original time, and the job keeps the markup it sent', async () => {
    const { db, print, virtual } = await setup();
    await printReceipt({ db, print }, request);
    const reprintedAt = Date.UTC(2026, 10, 5, 2, 15, 0);
    const again = await printReceipt({ db, print, now: () => reprintedAt }, request);
    expect(again.job).toMatchObject({ state: 'confirmed', reprint: 1, createdAt: reprintedAt });
    await virtual.whenIdle();
    const text = virtual.receipts(1)[0]?.text ?? '';
    expect(text).toMatch(/原交易时间 ORIGINAL TIME\s+2026\/11\/01 14:03:22/);
    expect(text).toMatch(/重打印时间 REPRINTED AT\s+2026\/11\/05 10:15:00/);
    expect(again.job.markup).toBe(request.markup(1, reprintedAt));
    expect((await listForSale(db, saleId)).every((j) => typeof j.markup === 'string' && j.markup.length > 0)).toBe(true);
  });

  it('a print the host never answered stays "sending" and is shown at the next start', async () => {
    const { db } = await setup();
    const never = () => new Promise<Envelope<PrintResult>>(() => undefined);
    const pending = printReceipt({ db, print: never }, request);
    await new Promise((r) => setTimeout(r, 100));
    expect((await leftByStop(db, ['queued', 'sending'], Number.MAX_SAFE_INTEGER)).map((j) => j.state)).toEqual(['sending']);
    expect(await Promise.race([pending.then(() => 'settled'), Promise.resolve('pending')])).toBe('pending');
  });
});
