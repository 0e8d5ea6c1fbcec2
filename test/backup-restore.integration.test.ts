import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/domain/ids';
import type { CountersignApi } from '../shared/ipc/contract';
import { registerAuditHandlers } from '../electron/audit/audit-handlers';
import { registerBackupHandlers } from '../electron/backup/backup-handlers';
import { appendAudit } from '../renderer/src/data/audit-repo';
import { CountersignDb } from '../renderer/src/data/db';
import { saleRecord } from '../renderer/src/data/sale-fixture';
import { checkpointNow } from '../renderer/src/services/audit-checkpoints';
import { runBackup } from '../renderer/src/services/backup/run-backup';
import { RestoreWizard } from '../renderer/src/services/backup/restore-wizard';
import { recordingLogger } from './fakes/recording-logger';
import { makeTestContext, memorySecrets } from './fakes/test-core';
import type { TestContext } from './fakes/test-core';

/**
 * The renderer's backup and restore services against main's real handlers (fake IndexedDB):
 * every table streamed out, read back into a scratch database, the audit log verified there
 * against its signed checkpoint, and nothing changed by a damaged file.
 */
const PASS = 'correct horse battery staple';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const setUp = async (): Promise<{ t: TestContext; api: CountersignApi; db: CountersignDb; dir: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-restore-'));
  const t = await makeTestContext({ dataDir: dir, logger: recordingLogger(), secrets: memorySecrets(7) });
  registerAuditHandlers(t.ctx);
  await registerBackupHandlers(t.ctx, { scryptLogN: 10 });
  const sender = t.signedIn('manager');
  const api: CountersignApi = { invoke: (c, r) => t.ctx.router.dispatch(c, r, sender) as never, on: () => () => undefined };
  const db = new CountersignDb(`live-${uuidv7()}`);
  cleanups.push(async () => {
    db.close();
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { t, api, db, dir };
};

const fill = async (db: CountersignDb): Promise<void> => {
  const base = Date.parse('2026-03-01T02:00:00Z');
  for (let i = 0; i < 30; i++) {
    const id = uuidv7(base + i * 1000);
    await db.sales.put(saleRecord({ id, createdAt: base + i * 1000, amountFen: 100 + i }));
    await db.signatures.put({ id: uuidv7(base + i * 1000 + 1), saleId: id, kind: 'original', createdAt: base + i * 1000, strokes: [[{ x: 1, y: 2, t: 3 }]], png: 'data:image/png;base64,AAAA' } as never);
    await appendAudit(db, { actor: 'op', action: 'sale.approved', objectType: 'sale', objectId: id, result: 'ok', detail: { i } });
  }
  await db.attachments.put({ id: uuidv7(base), ownerId: 'x', createdAt: base, data: new Blob([new Uint8Array([1, 2, 3, 250])], { type: 'image/png' }) } as never);
};

describe('backup and restore, renderer services with main', () => {
  it('backs up every table, rehearses the restore in a scratch database with the audit log verified against its checkpoint, and switches to it', async () => {
    const { api, db } = await setUp();
    await fill(db);
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'signed' });
    await appendAudit(db, { actor: 'op', action: 'login', objectType: 'operator', objectId: 'op', result: 'ok', detail: {} });
    const info = await runBackup(db, api, { kind: 'manual', reason: 'manual', passphrase: PASS, includePins: false });
    expect(info).toMatchObject({ verified: true, encryption: 'passphrase', rows: expect.any(Number) as number });
    const wizard = new RestoreWizard({ db, api });
    await wizard.open({ name: info.name, passphrase: PASS });
    const s = wizard.getSnapshot();
    expect(s.error).toBeNull();
    expect(s.step).toBe('rehearsed');
    expect(s.summary?.counts).toMatchObject({ sales: 30, signatures: 30, audit: 31, attachments: 1, auditCheckpoints: 1 });
    expect(s.summary?.lastCheckpoint?.size).toBe(30);
    expect(s.summary?.firstSale).toBe(Date.parse('2026-03-01T02:00:00Z'));
    await wizard.confirm();
    expect(wizard.getSnapshot()).toMatchObject({ step: 'done', undoName: expect.stringContaining('pre-restore') as string });
  });

  it('a damaged backup fails with a reason, leaves the live data as it was and no scratch database behind', async () => {
    const { api, db, dir } = await setUp();
    await fill(db);
    const info = await runBackup(db, api, { kind: 'manual', reason: 'manual', passphrase: PASS, includePins: false });
    const bytes = readFileSync(join(dir, 'backups', info.name));
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = (bytes[mid] ?? 0) ^ 0x01;
    const damaged = join(dir, 'damaged.age');
    writeFileSync(damaged, bytes);
    const before = await db.sales.count();
    const scratchNames = async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('countersign-restore-'));
    const scratchBefore = await scratchNames();
    const wizard = new RestoreWizard({ db, api });
    await wizard.open({ path: damaged, passphrase: PASS });
    expect(wizard.getSnapshot()).toMatchObject({ step: 'failed', error: { reason: 'damaged' } });
    expect(await db.sales.count()).toBe(before);
    expect(await scratchNames()).toEqual(scratchBefore);
  });
});
