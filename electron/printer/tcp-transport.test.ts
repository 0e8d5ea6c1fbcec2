import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceipt, sampleReceiptInput } from '../../shared/domain/receipt';
import { VirtualPrinter } from './virtual/virtual-printer';
import { encodeReceipt } from './encode-receipt';
import { checkStatus, runPrintJob } from './print-job';
import { TcpPrinterTransport } from './tcp-transport';

const bytes = encodeReceipt(buildReceipt(sampleReceiptInput({ paper: 80 })), { paperWidth: 80, dotsPerLine: 576, chinese: 'native', cut: true, drawerPulse: false }).bytes;

let printer: VirtualPrinter;
let port: number;
const transport = (): TcpPrinterTransport => new TcpPrinterTransport('127.0.0.1', port, { connectMs: 1_000, writeMs: 2_000, replyMs: 300 });
const job = () => runPrintJob(transport(), bytes, { processedTimeoutMs: 600 });

beforeEach(async () => {
  printer = new VirtualPrinter({ renderPng: false, dropAfterBytes: 400 });
  port = (await printer.start()).port;
});

afterEach(async () => {
  await printer.stop();
});

describe('TCP 9100 transport against the virtual printer over loopback', () => {
  it('prints and confirms: healthy before, processed, healthy after', async () => {
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'confirmed', failure: null, processed: true });
    expect(outcome.before?.code).toBe('ready');
    expect(outcome.after?.code).toBe('ready');
    expect(outcome.durationMs).toBeLessThan(2_000);
    await printer.whenIdle();
    expect(printer.receipts(1)[0]?.text).toContain('**** 1232');
  });

  it('refuses to send when the paper is out before the job', async () => {
    await printer.setState('paper-end');
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'failed', failure: 'paper-end', processed: false });
    expect(outcome.message).toMatch(/before the job: printer is out of paper/);
    expect(printer.receipts()).toHaveLength(0);
  });

  it('fails with paper-end when the paper runs out mid-job', async () => {
    printer.runOutOfPaperAfter(1_000);
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'failed', failure: 'paper-end', processed: false });
    expect(outcome.before?.code).toBe('ready');
    expect(outcome.message).toMatch(/after the job/);
  });

  it('still prints on a nearly empty roll', async () => {
    await printer.setState('paper-near-end');
    expect(await job()).toMatchObject({ state: 'confirmed', failure: null });
  });

  it('fails with cover-open', async () => {
    await printer.setState('cover-open');
    expect(await job()).toMatchObject({ state: 'failed', failure: 'cover-open' });
  });

  it('fails with connection-refused when the printer is off', async () => {
    await printer.setState('offline');
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'failed', failure: 'connection-refused' });
    expect(outcome.message).toMatch(/connection refused/);
  });

  it('fails with no-reply when the printer accepts but never answers', async () => {
    await printer.setState('unresponsive');
    const started = Date.now();
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'failed', failure: 'no-reply' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails with connection-lost when the printer closes the socket mid-job', async () => {
    await printer.setState('drop-mid-job');
    const outcome = await job();
    expect(outcome).toMatchObject({ state: 'failed', failure: 'connection-lost' });
  });

  it('fails with garbage when the status replies are not status bytes', async () => {
    await printer.setState('garbage');
    expect(await job()).toMatchObject({ state: 'failed', failure: 'garbage' });
  });

  it('reports status without printing, and connection failures as failures', async () => {
    expect((await checkStatus(transport())).status?.code).toBe('ready');
    await printer.setState('offline');
    expect(await checkStatus(transport())).toMatchObject({ status: null, failure: 'connection-refused' });
    await printer.setState('online');
    expect((await checkStatus(transport())).status?.code).toBe('ready');
  });

  it('prints again once the paper is back', async () => {
    await printer.setState('paper-end');
    expect((await job()).state).toBe('failed');
    await printer.setState('online');
    expect((await job()).state).toBe('confirmed');
  });
});
