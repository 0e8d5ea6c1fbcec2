import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sender } from '../ipc/router';
import { recordingLogger } from '../../test/fakes/recording-logger';
import { makeTestContext, memorySecrets } from '../../test/fakes/test-core';
import type { TestContext } from '../../test/fakes/test-core';
import { registerBackupHandlers } from './backup-handlers';
import { BACKUP_KEY_SECRET, identityFromBytes } from './backup-key';

const PASS = 'correct horse battery staple';
const hasAge = (() => {
  try {
    execFileSync('age', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

interface Console {
  t: TestContext;
  dir: string;
  manager: Sender;
  call: (command: string, payload: unknown, sender?: Sender) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; reason?: string; message: string } }>;
}

const consoles: Console[] = [];
const open = async (fill: number): Promise<Console> => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-backup-'));
  const t = await makeTestContext({ dataDir: dir, logger: recordingLogger(), secrets: memorySecrets(fill) });
  await registerBackupHandlers(t.ctx, { scryptLogN: 10 });
  const manager = t.signedIn('manager');
  const c: Console = { t, dir, manager, call: (command, payload, sender = manager) => t.ctx.router.dispatch(command, payload, sender) };
  consoles.push(c);
  return c;
};

const meta = { schemaVersion: 4, firstSale: '2026-03-01T00:00:00.000Z', lastSale: '2026-03-02T00:00:00.000Z', auditEntries: 0, auditHeadHash: null, lastCheckpoint: null };
const salesLines = ['{"id":"a","amountFen":100}', '{"id":"b","amountFen":250,"note":"中文"}'].map((l) => `${l}\n`).join('');
const blobLine = '{"id":"x","data":{"$blob":"iVBORw0K","type":"image/png"}}\n';

const backUp = async (c: Console, passphrase: string | null): Promise<{ name: string; bytes: number }> => {
  const start = await c.call('backup:start', { reason: 'manual', passphrase, includePins: false });
  expect(start).toMatchObject({ ok: true });
  const backupId = (start.value as { backupId: string }).backupId;
  expect(await c.call('backup:part', { backupId, table: 'sales', rows: 2, lines: salesLines })).toMatchObject({ ok: true });
  expect(await c.call('backup:part', { backupId, table: 'attachments', rows: 1, lines: blobLine })).toMatchObject({ ok: true });
  const done = await c.call('backup:finish', { backupId, meta });
  expect(done).toMatchObject({ ok: true, value: { verified: true, rows: 3 } });
  return done.value as { name: string; bytes: number };
};

const readAll = async (c: Console, open: Record<string, unknown>) => {
  const opened = await c.call('backup:restore-open', open);
  if (!opened.ok) return opened;
  const restoreId = (opened.value as { restoreId: string }).restoreId;
  const parts: Array<{ table: string; lines: string }> = [];
  for (;;) {
    const r = await c.call('backup:restore-read', { restoreId });
    if (!r.ok) return r;
    const v = r.value as { parts: typeof parts; done: boolean; verdict: { device: string } | null };
    parts.push(...v.parts);
    if (v.done) return { ok: true, restoreId, parts, verdict: v.verdict };
  }
};

beforeEach(() => undefined);
afterEach(async () => {
  for (const c of consoles.splice(0)) {
    await c.t.stop();
    rmSync(c.dir, { recursive: true, force: true });
  }
});

describe('backup files', () => {
  it('writes a passphrase backup that reads back table by table, with a verdict of this device', async () => {
    const c = await open(1);
    const info = await backUp(c, PASS);
    const read = await readAll(c, { name: info.name, passphrase: PASS });
    expect(read).toMatchObject({ ok: true, verdict: { device: 'same' } });
    expect((read as { parts: unknown[] }).parts).toEqual([
      { table: 'sales', lines: salesLines },
      { table: 'attachments', lines: blobLine },
    ]);
    const status = await c.call('backup:status', {});
    expect(status.value).toMatchObject({ backups: [{ name: info.name, verified: true, encryption: 'passphrase' }] });
    expect(c.t.ctx.journal.since(0, 100).map((e) => e.action)).toContain('backup.written');
  });

  it.runIf(hasAge)('an automatic backup opens with the standard age tool and the device backup key', async () => {
    const c = await open(2);
    const start = await c.call('backup:start-auto', { reason: 'auto' });
    const backupId = (start.value as { backupId: string }).backupId;
    await c.call('backup:part', { backupId, table: 'sales', rows: 2, lines: salesLines });
    const done = await c.call('backup:finish', { backupId, meta });
    expect(done).toMatchObject({ ok: true, value: { encryption: 'device-key' } });
    const key = join(c.dir, 'identity.txt');
    const secret = (await c.t.ctx.platform.secrets.list()).find((s) => s.name === BACKUP_KEY_SECRET);
    writeFileSync(key, `${identityFromBytes(secret!.value)}\n`);
    const tar = execFileSync('age', ['-d', '-i', key, join(c.dir, 'backups', (done.value as { name: string }).name)]);
    const listing = execFileSync('tar', ['-t'], { input: tar }).toString().trim().split('\n');
    expect(listing).toEqual(['tables/sales/000001.ndjson', 'main/settings.json', 'manifest.json', 'manifest.sig']);
  });

  it('refuses a wrong passphrase, a damaged file and a cut-short file with a reason, and lists none of them', async () => {
    const c = await open(3);
    const info = await backUp(c, PASS);
    expect(await readAll(c, { name: info.name, passphrase: 'not the passphrase at all' })).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'wrong-key' } });
    const path = join(c.dir, 'backups', info.name);
    const bytes = readFileSync(path);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40] = (flipped[flipped.length - 40] as number) ^ 0xff;
    const damaged = join(c.dir, 'damaged.age');
    writeFileSync(damaged, flipped);
    expect(await readAll(c, { path: damaged, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'damaged' } });
    const short = join(c.dir, 'short.age');
    writeFileSync(short, bytes.subarray(0, bytes.length - 300));
    expect(await readAll(c, { path: short, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'damaged' } });
    const plain = join(c.dir, 'plain.age');
    writeFileSync(plain, 'hello');
    expect(await readAll(c, { path: plain, passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'not-a-backup' } });
  });

  it("says a backup is another device's and will not restore it unless the manager takes it over, then records the hand-over", async () => {
    const a = await open(4);
    const b = await open(5);
    const info = await backUp(a, PASS);
    const read = await readAll(b, { path: join(a.dir, 'backups', info.name), passphrase: PASS });
    expect(read).toMatchObject({ ok: true, verdict: { device: 'other' } });
    const restoreId = (read as { restoreId: string }).restoreId;
    expect(await b.call('backup:restore-commit', { restoreId, undoName: '' })).toMatchObject({ ok: false, error: { reason: 'foreign' } });
    expect(await b.call('backup:restore-commit', { restoreId, undoName: '', acceptOtherDevice: true })).toMatchObject({ ok: true, value: { handover: true } });
    expect(existsSync(join(b.dir, 'audit', 'previous-keys.json'))).toBe(true);
    expect(b.t.ctx.journal.since(0, 100).map((e) => e.action)).toEqual(expect.arrayContaining(['device.handover', 'backup.restored']));
  });

  it('a cashier cannot back up by hand or restore, but the automatic backup runs for them; parts belong to who began', async () => {
    const c = await open(6);
    const cashier = c.t.signedIn('cashier');
    expect(await c.call('backup:start', { reason: 'manual', passphrase: PASS, includePins: false }, cashier)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    const auto = await c.call('backup:start-auto', { reason: 'auto' }, cashier);
    expect(auto).toMatchObject({ ok: true });
    const backupId = (auto.value as { backupId: string }).backupId;
    expect(await c.call('backup:part', { backupId, table: 'sales', rows: 2, lines: salesLines })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await c.call('backup:part', { backupId, table: 'sales', rows: 3, lines: salesLines }, cashier)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('retention may rely only on a verified backup main lists: it answers what the backup holds from its own index and keeps it', async () => {
    const c = await open(7);
    const before = Date.now();
    const info = await backUp(c, PASS);
    const cashier = c.t.signedIn('cashier');
    expect(await c.call('backup:schedule', {}, cashier)).toMatchObject({ ok: true, value: { intervalMinutes: 15, retentionMonths: 24 } });
    expect(await c.call('backup:retention-hold', { backupName: 'countersign-2020-01-01T00-00-00-000Z-manual.age' }, cashier)).toMatchObject({ ok: false, error: { reason: 'not-verified' } });
    const held = await c.call('backup:retention-hold', { backupName: info.name }, cashier);
    expect(held).toMatchObject({ ok: true, value: { name: info.name, firstSale: meta.firstSale } });
    const startedAt = Date.parse((held.value as { startedAt: string }).startedAt);
    expect(startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(await c.call('backup:retention-done', { backupName: info.name, before: '2024-12-07T00:00:00.000Z', removed: { sales: 0 } }, cashier)).toMatchObject({ ok: true });
    expect(c.t.ctx.journal.since(0, 100).map((e) => e.action)).toContain('retention.removed');
  });
});
