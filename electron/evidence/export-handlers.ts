import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openCheckpoint } from '../../shared/domain/audit-proof';
import { safeFileName } from '../../shared/domain/evidence/layout';
import type { EvidenceRefusal, EvidenceWritten } from '../../shared/ipc/commands/evidence';
import { CommandError } from '../../shared/ipc/envelope';
import type { Sender } from '../ipc/router';
import type { CoreContext } from '../services/core-context';
import { EvidenceExportError } from './bundle-writer';
import { DownloadShelf } from './download-shelf';
import { ExportSession } from './export-session';
import { loadReportFont } from './report-font';
import type { ReportFont } from './report-font';

/**
 * Main's side of the evidence export (issue 14, shared/ipc/commands/evidence.ts): one export at
 * a time per window or connection, written by main with the device key to where the user chose
 * (desktop: the save dialog) or into the data folder for one download (browser host). Every
 * export is journaled once when it ends: who, the external id, how many sales, and the ZIP's
 * SHA-256 (ok) or why it stopped (fail).
 */
interface Running {
  session: ExportSession;
  senderId: string;
  actor: string;
  externalId: string;
  fileName: string;
  /** Desktop: the chosen path. */
  savedTo: string | null;
  /** Browser host: the shelf's token. */
  token: string | null;
  sales: number;
}

const shelves = new WeakMap<CoreContext, DownloadShelf>();

/** The browser host's download shelf of a core (its HTTP route serves from it); none on the desktop. */
export const getDownloadShelf = (ctx: CoreContext): DownloadShelf | undefined => shelves.get(ctx);

/** The user's suggestion, kept to safe characters, ending in `.zip`. */
export const bundleFileName = (suggested: string): string => {
  const name = safeFileName(suggested.replace(/\.zip$/i, '')).slice(0, 100);
  return `${name}.zip`;
};

/** An export's error as the renderer gets it: a refusal reason from EVIDENCE_REFUSALS. */
export const exportCommandError = (error: unknown): CommandError => {
  if (error instanceof CommandError) return error;
  if (error instanceof EvidenceExportError) {
    const as = (code: 'CONFLICT' | 'VALIDATION', reason: EvidenceRefusal): CommandError => new CommandError(code, error.message, reason);
    switch (error.problem) {
      case 'card-data-found':
        return as('CONFLICT', 'card-data-found');
      case 'empty':
        return as('VALIDATION', 'empty');
      case 'invalid-input':
        return as('VALIDATION', 'invalid-input');
      case 'cancelled':
        return as('CONFLICT', 'export-unknown');
    }
  }
  const reason: EvidenceRefusal = 'write-failed';
  return new CommandError('STORAGE', `the evidence bundle could not be written: ${error instanceof Error ? error.message : String(error)}`, reason);
};

export const registerEvidenceHandlers = (ctx: CoreContext): void => {
  const { platform, journal, auth, deviceKey, logger } = ctx;
  const workDir = join(platform.dataDir, 'exports', 'work');
  // Temp files of an export a crash interrupted (attachments, report pages): never needed again.
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const shelf = platform.chooseSavePath ? null : new DownloadShelf(platform.dataDir, logger);
  if (shelf) {
    shelves.set(ctx, shelf);
    ctx.onStop(() => shelf.stop());
  }
  const running = new Map<string, Running>();
  /** Senders with a save dialog open: their second `evidence:begin` is refused like a running export. */
  const choosing = new Set<string>();
  let font: ReportFont | null = null;

  const record = (run: Running, result: 'ok' | 'fail', detail: Record<string, unknown>): void => {
    journal.append({ actor: run.actor, action: 'evidence.export', objectType: 'evidence', objectId: run.externalId, result, detail: { sales: run.sales, fileName: run.fileName, ...detail } });
  };

  /** Ends an export that failed or was cancelled: nothing of it stays on disk; journaled once. */
  const stop = async (run: Running, error: unknown): Promise<void> => {
    if (running.get(run.senderId) !== run) return;
    running.delete(run.senderId);
    const reason = error instanceof EvidenceExportError ? error : new EvidenceExportError('cancelled', 'the export was stopped');
    await run.session.cancel(reason);
    if (shelf && run.token) await shelf.drop(run.token);
    const refusal = exportCommandError(error);
    record(run, 'fail', { reason: error instanceof EvidenceExportError && error.problem === 'cancelled' ? 'cancelled' : (refusal.reason ?? refusal.code), error: refusal.message });
  };

  const find = (exportId: string, sender: Sender): Running => {
    const run = running.get(sender.id);
    if (!run || run.session.id !== exportId) throw new CommandError('CONFLICT', 'this export is unknown, finished or cancelled', 'export-unknown');
    return run;
  };

  /** Runs one step of an export; an error ends it (and is answered with its refusal reason). */
  const step = async <T>(run: Running, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      await stop(run, error);
      throw exportCommandError(error);
    }
  };

  ctx.router.handle('evidence:begin', async (req, sender) => {
    if (running.has(sender.id) || choosing.has(sender.id)) throw new CommandError('CONFLICT', 'another export is running in this window', 'export-running');
    const opened = openCheckpoint(req.checkpoint, { deviceId: deviceKey.deviceId, publicKey: deviceKey.publicKey });
    if (!opened.ok) throw new CommandError('VALIDATION', `the audit checkpoint is not one this device signed (${opened.problem})`, 'invalid-input');
    const fileName = bundleFileName(req.fileName);
    let dest: string;
    let token: string | null = null;
    let savedTo: string | null = null;
    if (platform.chooseSavePath) {
      choosing.add(sender.id);
      try {
        const chosen = await platform.chooseSavePath(sender.id, fileName);
        if (chosen === null) return { exportId: null };
        dest = chosen;
        savedTo = chosen;
      } finally {
        choosing.delete(sender.id);
      }
    } else {
      const reserved = (shelf as DownloadShelf).reserve(fileName);
      dest = reserved.path;
      token = reserved.token;
    }
    try {
      font ??= loadReportFont(platform.appRoot ?? process.cwd());
    } catch (error) {
      if (shelf && token) await shelf.drop(token);
      throw new CommandError('STORAGE', error instanceof Error ? error.message : String(error), 'write-failed');
    }
    const shop = ctx.settings.get().shop;
    const session = new ExportSession({
      id: randomUUID(),
      dest,
      header: {
        merchant: { name: shop.name, address: shop.address, merchantId: shop.merchantId, terminalId: shop.terminalId },
        externalId: req.externalId,
        caseRef: req.caseRef,
        deviceId: deviceKey.deviceId,
        createdAt: Date.now(),
        timeZone: req.timeZone,
        checkpoint: req.checkpoint,
        generator: `Countersign ${platform.version}`,
      },
      checkpoint: opened.checkpoint,
      expectedSales: req.expectedSales,
      signer: deviceKey.evidenceSigner(),
      font,
      printer: ctx.settings.get().printer,
      tempRoot: workDir,
    });
    const run: Running = { session, senderId: sender.id, actor: auth.actorOf(sender.id), externalId: req.externalId, fileName: savedTo ? basename(savedTo) : fileName, savedTo, token, sales: 0 };
    running.set(sender.id, run);
    await step(run, () => session.start());
    return { exportId: session.id };
  });

  ctx.router.handle('evidence:attachment-part', async ({ exportId, attachmentId, offset, data }, sender) => {
    const run = find(exportId, sender);
    const received = await step(run, () => run.session.attachmentPart(attachmentId, offset, Buffer.from(data, 'base64')));
    return { received };
  });

  ctx.router.handle('evidence:sales', async ({ exportId, sales }, sender) => {
    const run = find(exportId, sender);
    const done = await step(run, () => run.session.sales(sales));
    run.sales = done.sales;
    return { sales: done.sales, bytes: done.bytes };
  });

  ctx.router.handle('evidence:finish', async ({ exportId }, sender): Promise<EvidenceWritten> => {
    const run = find(exportId, sender);
    const written = await step(run, () => run.session.finish());
    running.delete(sender.id);
    run.sales = written.sales;
    const downloadPath = shelf && run.token ? shelf.offer(run.token) : null;
    record(run, 'ok', { sha256: written.sha256, bytes: written.bytes, files: written.files, keyFingerprint: written.keyFingerprint, receiptsNotIdentical: written.stats.receiptsNotIdentical, ...(run.savedTo ? { savedTo: run.savedTo } : {}) });
    return { fileName: run.fileName, bytes: written.bytes, files: written.files, sales: written.sales, sha256: written.sha256, keyFingerprint: written.keyFingerprint, savedTo: run.savedTo, downloadPath };
  });

  ctx.router.handle('evidence:cancel', async ({ exportId }, sender) => {
    const run = running.get(sender.id);
    if (!run || run.session.id !== exportId) return { cancelled: false };
    await stop(run, new EvidenceExportError('cancelled', 'the export was cancelled'));
    return { cancelled: true };
  });

  // A closed window or connection cancels its export: its partial files go with it.
  ctx.onDisconnect((sender) => {
    const run = running.get(sender.id);
    if (!run) return;
    stop(run, new EvidenceExportError('cancelled', 'the window or connection closed')).catch((error: unknown) => logger.error('evidence.cancel-failed', { error: error instanceof Error ? error.message : String(error) }));
  });
  ctx.onStop(async () => {
    for (const run of [...running.values()]) await stop(run, new EvidenceExportError('cancelled', 'the console stopped'));
  });
};
