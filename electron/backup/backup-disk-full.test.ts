import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/fakes/recording-logger';
import { makeTestContext, memorySecrets } from '../../test/fakes/test-core';
import type { TestContext } from '../../test/fakes/test-core';
import { registerBackupHandlers } from './backup-handlers';
import type { OpenFile } from './backup-writer';

/** The disk fills after `room` bytes of the backup file: the next write fails as Node reports it. */
const diskWithRoom = (room: number): OpenFile => async (path, flags, mode) => {
  const fh = await open(path, flags, mode);
  let used = 0;
  return {
    write: (async (data: Uint8Array) => {
      used += data.length;
      if (used > room) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      return fh.write(data);
    }) as typeof fh.write,
    sync: () => fh.sync(),
    close: () => fh.close(),
  };
};

const started: Array<{ t: TestContext; dir: string }> = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    await s.t.stop();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

const meta = { schemaVersion: 4, firstSale: null, lastSale: null, auditEntries: 0, auditHeadHash: null, lastCheckpoint: null };
// Random-looking rows so that compression cannot hide them: the file grows with every part.
const part = (n: number) => Array.from({ length: 200 }, (_, i) => `{"id":"${n}-${i}","note":"${Math.random().toString(36).repeat(8)}"}\n`).join('');

describe('a backup on a full disk (ENOSPC)', () => {
  it('fails with disk-full (a clear reason, not a generic failure) and leaves neither the backup nor its partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-backup-full-'));
    const t = await makeTestContext({ dataDir: dir, logger: recordingLogger(), secrets: memorySecrets(3) });
    started.push({ t, dir });
    await registerBackupHandlers(t.ctx, { scryptLogN: 10, openFile: diskWithRoom(4096) });
    const manager = t.signedIn('manager');
    const call = (command: string, payload: unknown) => t.ctx.router.dispatch(command, payload, manager);
    const start = await call('backup:start', { reason: 'manual', passphrase: 'correct horse battery staple', includePins: false });
    expect(start).toMatchObject({ ok: true });
    const backupId = (start as { value: { backupId: string } }).value.backupId;
    let failure: unknown = null;
    for (let n = 0; n < 50 && !failure; n++) {
      const r = await call('backup:part', { backupId, table: 'sales', rows: 200, lines: part(n) });
      if (!r.ok) failure = r;
    }
    if (!failure) failure = await call('backup:finish', { backupId, meta });
    expect(failure).toMatchObject({ ok: false, error: { code: 'STORAGE', reason: 'disk-full' } });
    expect((failure as { error: { message: string } }).error.message).toMatch(/disk is full/);
    const files = readdirSync(join(dir, 'backups'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.age') || f.endsWith('.partial'))).toEqual([]);
    const status = await call('backup:status', {});
    expect(status).toMatchObject({ ok: true });
    expect(JSON.stringify(status)).not.toMatch(/\.age"/);
  });
});
