import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestContext } from '../../test/fakes/test-core';
import type { TestContext } from '../../test/fakes/test-core';
import { buildWireFixture } from '../../test/evidence/wire-fixture';
import { silentLogger } from '../services/logger';
import { EvidenceExportError } from './bundle-writer';
import { bundleFileName, exportCommandError, registerEvidenceHandlers } from './export-handlers';

let dataDir = '';
let saveDir = '';
let t: TestContext;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'evidence-handlers-'));
  saveDir = mkdtempSync(join(tmpdir(), 'evidence-saved-'));
  t = await makeTestContext({ dataDir, logger: silentLogger });
});
afterEach(async () => {
  await t.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(saveDir, { recursive: true, force: true });
});

/** The desktop host: the save dialog answers `answer`. */
const desktop = (answer: string | null): string[] => {
  const asked: string[] = [];
  t.ctx.platform.chooseSavePath = (_sender, name) => {
    asked.push(name);
    return Promise.resolve(answer);
  };
  registerEvidenceHandlers(t.ctx);
  return asked;
};

const signedCheckpoint = (sales: number) => buildWireFixture({ sales, deviceId: t.ctx.deviceKey.deviceId });

describe('evidence export handlers on the desktop host', () => {
  it('asks where to save with a safe name, and answers a null export id when the dialog is cancelled', async () => {
    const asked = desktop(null);
    const sender = t.signedIn('manager');
    const wire = signedCheckpoint(1);
    const note = t.ctx.checkpoints.sign(wire.checkpointRequest, '').note;
    const answer = await t.ctx.router.dispatch('evidence:begin', { externalId: 'sale-1', caseRef: null, timeZone: 'Asia/Shanghai', expectedSales: 1, checkpoint: note, fileName: '../证据 sale 1' }, sender);
    expect(answer).toEqual({ ok: true, value: { exportId: null } });
    expect(asked).toEqual(['sale_1.zip']);
    expect(t.ctx.journal.since(0, 1000).filter((e) => e.action === 'evidence.export')).toEqual([]);
  });

  it('writes the bundle where the user chose and says so (savedTo), with no download', async () => {
    const dest = join(saveDir, 'chosen.zip');
    desktop(dest);
    const sender = t.signedIn('manager');
    const wire = signedCheckpoint(1);
    const note = t.ctx.checkpoints.sign(wire.checkpointRequest, '').note;
    const begun = await t.ctx.router.dispatch('evidence:begin', { externalId: 'sale-1', caseRef: null, timeZone: 'Asia/Shanghai', expectedSales: 1, checkpoint: note, fileName: 'x' }, sender);
    const exportId = (begun as { value: { exportId: string } }).value.exportId;
    for (const [attachmentId, bytes] of wire.attachments) {
      expect(await t.ctx.router.dispatch('evidence:attachment-part', { exportId, attachmentId, offset: 0, data: Buffer.from(bytes).toString('base64') }, sender)).toMatchObject({ ok: true });
    }
    expect(await t.ctx.router.dispatch('evidence:sales', { exportId, sales: wire.sales }, sender)).toMatchObject({ ok: true, value: { sales: 1 } });
    const finished = await t.ctx.router.dispatch('evidence:finish', { exportId }, sender);
    expect(finished).toMatchObject({ ok: true, value: { fileName: 'chosen.zip', savedTo: dest, downloadPath: null, sales: 1 } });
    expect(readdirSync(saveDir)).toEqual(['chosen.zip']);
    expect(existsSync(join(dataDir, 'exports', 'evidence'))).toBe(false);
    expect(readdirSync(join(dataDir, 'exports', 'work'))).toEqual([]);
  }, 60_000);

  it('a closed window cancels its export and removes the partial file beside the destination', async () => {
    desktop(join(saveDir, 'chosen.zip'));
    const sender = t.signedIn('manager');
    const wire = signedCheckpoint(1);
    const note = t.ctx.checkpoints.sign(wire.checkpointRequest, '').note;
    const begun = await t.ctx.router.dispatch('evidence:begin', { externalId: 'sale-1', caseRef: null, timeZone: 'Asia/Shanghai', expectedSales: 1, checkpoint: note, fileName: 'x' }, sender);
    expect(begun).toMatchObject({ ok: true });
    await expect.poll(() => readdirSync(saveDir).length).toBe(1);
    t.disconnect(sender);
    await expect.poll(() => readdirSync(saveDir)).toEqual([]);
    await expect.poll(() => t.ctx.journal.since(0, 1000).filter((e) => e.action === 'evidence.export').map((e) => [e.result, e.detail.reason])).toEqual([['fail', 'cancelled']]);
  });
});

describe('export errors as the renderer gets them', () => {
  it('maps each writer problem to its refusal reason', () => {
    const codeOf = (problem: EvidenceExportError['problem']) => {
      const e = exportCommandError(new EvidenceExportError(problem, 'x'));
      return [e.code, e.reason];
    };
    expect(codeOf('card-data-found')).toEqual(['CONFLICT', 'card-data-found']);
    expect(codeOf('empty')).toEqual(['VALIDATION', 'empty']);
    expect(codeOf('invalid-input')).toEqual(['VALIDATION', 'invalid-input']);
    expect(codeOf('cancelled')).toEqual(['CONFLICT', 'export-unknown']);
    const disk = exportCommandError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    expect([disk.code, disk.reason]).toEqual(['STORAGE', 'write-failed']);
  });

  it('keeps file names to safe characters ending in .zip', () => {
    expect(bundleFileName('case-0001')).toBe('case-0001.zip');
    expect(bundleFileName('CASE.ZIP')).toBe('CASE.zip');
    expect(bundleFileName('../../etc/passwd')).toBe('etc_passwd.zip');
    expect(bundleFileName('调单')).toBe('file.zip');
  });
});
