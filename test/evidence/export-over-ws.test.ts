import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/domain/hash';
import type { SaleFile } from '../../shared/domain/evidence/layout';
import type { Envelope } from '../../shared/ipc/envelope';
import type { PublicOperator, SignInOutcome } from '../../shared/ipc/commands/auth';
import type { SignedCheckpoint } from '../../shared/ipc/commands/audit';
import type { EvidenceWritten } from '../../shared/ipc/commands/evidence';
import { runVerify } from '../../electron/evidence/verify-cli';
import { launchBrowserHost } from '../../electron/web-host/launch';
import type { BrowserHost } from '../../electron/web-host/launch';
import { connectWs } from '../ws-client';
import type { WsTestClient } from '../ws-client';
import { TEST_DEVICE_SEED } from './bundle-fixture';
import { buildFixture } from './bundle-fixture';
import { readJson, unzipBundle } from './bundle-tamper';
import { buildWireFixture } from './wire-fixture';
import type { WireFixture } from './wire-fixture';

/**
 * The evidence export end to end over the browser host's WebSocket, as the renderer drives it:
 * a manager signs in, has main sign a checkpoint of the audit log (`audit:checkpoint`), opens
 * an export, sends an attachment in two parts and two sales in two messages, finishes, and
 * downloads the bundle once from the host's route; the independent verifier accepts it with
 * the device's fingerprint. Cancels, closed connections and card data leave nothing on disk.
 */
let dataDir = '';
let outDir = '';
let host: BrowserHost;
let manager: WsTestClient;
let cashier: WsTestClient;
let wire: WireFixture;
let checkpoint = '';
let fingerprint = '';
let managerId = '';
const MANAGER_PIN = '482913';
const CASHIER_PIN = '735146';

const exportsLeft = (): string[] => ['exports/evidence', 'exports/work'].flatMap((d) => (existsSync(join(dataDir, d)) ? readdirSync(join(dataDir, d)).map((f) => `${d}/${f}`) : []));
const exportEntries = () => host.core.context.journal.since(0, 100_000).filter((e) => e.action === 'evidence.export');
const value = <T>(envelope: Envelope<unknown>): T => {
  expect(envelope).toMatchObject({ ok: true });
  return (envelope as { value: T }).value;
};
const begin = (client: WsTestClient, over: Record<string, unknown> = {}) =>
  client.call<{ exportId: string | null }>('evidence:begin', { externalId: 'case-0001', caseRef: { caseId: 'case-0001', type: 'failed-but-charged' }, timeZone: 'Asia/Shanghai', expectedSales: 2, checkpoint, fileName: '证据 case-0001', ...over });
const sendAttachments = async (client: WsTestClient, exportId: string): Promise<number[]> => {
  const received: number[] = [];
  for (const [attachmentId, bytes] of wire.attachments) {
    const half = Math.ceil(bytes.length / 2);
    for (const [offset, part] of [
      [0, bytes.subarray(0, half)],
      [half, bytes.subarray(half)],
    ] as const) {
      received.push(value<{ received: number }>(await client.call('evidence:attachment-part', { exportId, attachmentId, offset, data: Buffer.from(part).toString('base64') })).received);
    }
  }
  return received;
};
const download = (path: string, cookie: string | null) => fetch(`${host.web.origin}${path}`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-evidence-ws-'));
  outDir = mkdtempSync(join(tmpdir(), 'cs-evidence-out-'));
  host = await launchBrowserHost({ dataDir, port: 0, settingsOverrides: { cardReader: { virtualReader: false } } });
  const connect = () => connectWs({ origin: host.web.origin, cookie: host.web.cookie });
  manager = await connect();
  expect(await manager.call('auth:first-run', { name: 'Wang', pin: MANAGER_PIN })).toMatchObject({ ok: true });
  managerId = host.core.context.operators.list().find((o) => o.role === 'manager')?.id ?? '';
  const cashierId = value<PublicOperator>(await manager.call('auth:add-operator', { name: 'Li', pin: CASHIER_PIN, role: 'cashier' })).id;
  cashier = await connect();
  expect(await cashier.call<SignInOutcome>('auth:sign-in', { operatorId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true, value: { ok: true } });
  const device = host.core.context.deviceKey;
  fingerprint = device.fingerprint;
  wire = buildWireFixture({ sales: 2, deviceId: device.deviceId });
  // As the renderer does before every export (services/audit-checkpoints.ts checkpointNow).
  checkpoint = value<SignedCheckpoint>(await manager.call('audit:checkpoint', wire.checkpointRequest)).note;
}, 60_000);

afterAll(async () => {
  for (const c of [manager, cashier]) await c?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('evidence export over the browser host', () => {
  it('streams two sales and an attachment in two parts, downloads the bundle once, and the verifier accepts it with the device fingerprint', async () => {
    const { exportId } = value<{ exportId: string }>(await begin(manager));
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);
    const attachment = [...wire.attachments.values()][0] as Uint8Array;
    expect(await sendAttachments(manager, exportId)).toEqual([Math.ceil(attachment.length / 2), attachment.length]);
    const first = value<{ sales: number; bytes: number }>(await manager.call('evidence:sales', { exportId, sales: [wire.sales[0]] }));
    const second = value<{ sales: number; bytes: number }>(await manager.call('evidence:sales', { exportId, sales: [wire.sales[1]] }));
    expect([first.sales, second.sales]).toEqual([1, 2]);
    expect(second.bytes).toBeGreaterThan(first.bytes);
    const written = value<EvidenceWritten>(await manager.call('evidence:finish', { exportId }));
    expect(written).toMatchObject({ fileName: 'case-0001.zip', sales: 2, keyFingerprint: fingerprint, savedTo: null });
    expect(written.downloadPath).toMatch(/^\/exports\/evidence\/[A-Za-z0-9_-]{43}$/);

    expect((await download(written.downloadPath as string, null)).status).toBe(401);
    const res = await download(written.downloadPath as string, host.web.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="case-0001.zip"; filename*=UTF-8''case-0001.zip`);
    const zip = new Uint8Array(await res.arrayBuffer());
    expect(zip.length).toBe(written.bytes);
    expect(sha256Hex(zip)).toBe(written.sha256);
    // Served once, then gone from the data folder.
    expect((await download(written.downloadPath as string, host.web.cookie)).status).toBe(404);
    await expect.poll(exportsLeft).toEqual([]);

    const file = join(outDir, 'case-0001.zip');
    writeFileSync(file, zip);
    const verified = await runVerify([file, '--trusted-key', fingerprint]);
    expect(verified.lines.at(-1)).toBe('OK: every check holds');
    expect(verified.code).toBe(0);

    // Each receipt is the exact bytes printed (same SHA-256 as the print journal's), outcome untouched.
    const files = await unzipBundle(zip);
    for (const p of wire.printed) {
      const name = `data/receipts/${p.saleId}-${p.copy}${p.reprint > 0 ? `-reprint-${p.reprint}` : ''}.escpos`;
      expect(sha256Hex(files.get(name) as Uint8Array), name).toBe(sha256Hex(p.bytes));
    }
    const sale = readJson<SaleFile>(files, `data/sales/${wire.sales[0]?.sale.saleId}.json`);
    expect(sale.receipts.map((r) => r.outcome)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(sale.attachments[0]).toMatchObject({ size: attachment.length, sha256: sha256Hex(attachment) });

    expect(exportEntries().at(-1)).toMatchObject({ actor: managerId, objectId: 'case-0001', result: 'ok', detail: { sales: 2, sha256: written.sha256, receiptsNotIdentical: 0 } });
  }, 120_000);

  it('a cancel mid-export leaves nothing on disk, is journaled, and the export id is gone', async () => {
    const { exportId } = value<{ exportId: string }>(await begin(manager));
    await sendAttachments(manager, exportId);
    value(await manager.call('evidence:sales', { exportId, sales: [wire.sales[0]] }));
    expect(await manager.call('evidence:cancel', { exportId })).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(exportsLeft()).toEqual([]);
    expect(exportEntries().at(-1)).toMatchObject({ actor: managerId, result: 'fail', detail: { reason: 'cancelled', sales: 1 } });
    expect(await manager.call('evidence:sales', { exportId, sales: [wire.sales[1]] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'export-unknown' } });
    expect(await manager.call('evidence:cancel', { exportId })).toMatchObject({ ok: true, value: { cancelled: false } });
  }, 60_000);

  it('refuses a card number in a note with card-data-found naming the file and last four, leaving nothing', async () => {
    // The same sales and audit log as the signed checkpoint's, with a card number typed into the first sale's note.
    const withPan = buildWireFixture({ sales: 2, deviceId: host.core.context.deviceKey.deviceId, note: 'customer said card 4111 1111 1111 1111' });
    const { exportId } = value<{ exportId: string }>(await begin(manager, { expectedSales: 1 }));
    await sendAttachments(manager, exportId);
    const refused = await manager.call('evidence:sales', { exportId, sales: withPan.sales.slice(0, 1) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'card-data-found' } });
    const message = (refused as { error: { message: string } }).error.message;
    expect(message).toContain(`data/sales/${withPan.sales[0]?.sale.saleId}.json`);
    expect(message).toContain('ending 1111');
    expect(message).not.toContain('4111 1111');
    expect(exportsLeft()).toEqual([]);
    expect(exportEntries().at(-1)).toMatchObject({ result: 'fail', detail: { reason: 'card-data-found' } });
    expect(JSON.stringify(exportEntries().at(-1))).not.toContain('4111 1111');
    expect(await manager.call('evidence:finish', { exportId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'export-unknown' } });
  }, 60_000);

  it('refuses a checkpoint another key signed (invalid-input), a second export in the same connection (export-running), and a cashier', async () => {
    const foreign = buildFixture({ sales: 1, deviceId: host.core.context.deviceKey.deviceId }).log.checkpoint(TEST_DEVICE_SEED);
    expect(await begin(manager, { checkpoint: foreign })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'invalid-input' } });
    const { exportId } = value<{ exportId: string }>(await begin(manager));
    expect(await begin(manager)).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'export-running' } });
    expect(await begin(cashier)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'manager-needed' } });
    expect(await manager.call('evidence:finish', { exportId })).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'empty' } });
    expect(exportsLeft()).toEqual([]);
  }, 60_000);

  it('a connection that closes mid-export takes its partial files with it', async () => {
    const other = await connectWs({ origin: host.web.origin, cookie: host.web.cookie });
    expect(await other.call<SignInOutcome>('auth:sign-in', { operatorId: managerId, pin: MANAGER_PIN })).toMatchObject({ ok: true, value: { ok: true } });
    const { exportId } = value<{ exportId: string }>(await begin(other));
    await sendAttachments(other, exportId);
    value(await other.call('evidence:sales', { exportId, sales: [wire.sales[0]] }));
    expect(exportsLeft().length).toBeGreaterThan(0);
    await other.close();
    await expect.poll(exportsLeft).toEqual([]);
    await expect.poll(() => exportEntries().at(-1)?.detail.reason).toBe('cancelled');
  }, 60_000);
});
