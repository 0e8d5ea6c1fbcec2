import type { Settings } from '../../../../shared/domain/settings';
import type { EvidenceWritten } from '../../../../shared/ipc/commands/evidence';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import type { CountersignDb } from '../../data/db';
import { saleIdsOfPlan, saleTimes } from '../../data/evidence-repo';
import type { SalePlan } from '../../data/sales-keyset';
import type { Logger } from '../logger';
import { Observable } from '../observable';
import { EvidenceSourceError, checkpointForExport, evidenceMessages } from './evidence-source';

/**
 * The evidence export (issue 14), renderer side: resolves a selection to sale ids, has main
 * sign a checkpoint over the audit log, then streams the sales to main (`evidence:begin`, parts
 * and batches, `evidence:finish`), which writes and signs the bundle. Each `evidence:sales` is
 * answered once written, so the progress bar follows what is on disk and at most one batch is
 * held here. Cancel works at any moment; main is told (`evidence:cancel`) and drops the file.
 */
export type EvidenceSelection =
  /** One sale, from its detail. */
  | { kind: 'sale'; saleId: string }
  /** Sales a list plan selects (a day, the current filter and search), named for the file. */
  | { kind: 'plan'; plan: SalePlan; name: string }
  /** Sales named one by one (a bank's 调单 list, matched), put in time order here. */
  | { kind: 'ids'; saleIds: readonly string[]; name: string };

/** Why an export stopped: main's refusals (EVIDENCE_REFUSALS) and the renderer's own. */
export type EvidenceFailure =
  | 'card-data-found'
  | 'empty'
  | 'invalid-input'
  | 'export-unknown'
  | 'export-running'
  | 'write-failed'
  | 'manager-needed'
  | 'checkpoint-refused'
  | 'no-audit-log'
  | 'attachment-unreadable'
  | 'download-failed'
  | 'unavailable';

export type EvidenceExportStatus =
  | { phase: 'idle' }
  | { phase: 'preparing' }
  | { phase: 'writing'; done: number; total: number }
  | { phase: 'finishing'; total: number }
  | { phase: 'done'; written: EvidenceWritten; missing: number }
  | { phase: 'failed'; reason: EvidenceFailure; file: string | null; last4: string | null; message: string }
  | { phase: 'cancelled' };

export interface EvidenceExportDeps {
  db: CountersignDb;
  api: CountersignApi;
  settings: () => Settings;
  logger: Logger;
  /** Browser host: fetch main's one-time download (an anchor with `download`); the desktop saved it already. */
  download?: (path: string, fileName: string) => void;
  now?: () => number;
}

const MAIN_REFUSALS = new Set<EvidenceFailure>(['card-data-found', 'empty', 'invalid-input', 'export-unknown', 'export-running', 'write-failed']);

class ExportStopped extends Error {
  constructor(readonly failure: { reason: EvidenceFailure; message: string; file: string | null; last4: string | null }) {
    super(failure.message);
    this.name = 'ExportStopped';
  }
}

/** A refusal from main as a failure the screen translates; card-data-found names the file and the last 4 main's message gives. */
export const failureOf = (error: EnvelopeError): ExportStopped['failure'] => {
  const reason: EvidenceFailure =
    error.code === 'FORBIDDEN_ROLE' ? 'manager-needed' : error.reason && MAIN_REFUSALS.has(error.reason as EvidenceFailure) ? (error.reason as EvidenceFailure) : error.code === 'VALIDATION' ? 'invalid-input' : 'unavailable';
  const file = reason === 'card-data-found' ? (/\b((?:data\/)?[\w./-]+\.(?:json|png|pdf|escpos|txt|[a-z0-9]{2,5}))\b/.exec(error.message)?.[1] ?? null) : null;
  const last4 = reason === 'card-data-found' ? (/ending (\d{4})/.exec(error.message)?.[1] ?? null) : null;
  return { reason, message: error.message, file, last4 };
};

const anchorDownload = (path: string, fileName: string): void => {
  const a = document.createElement('a');
  a.href = path;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
};

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export interface EvidenceExportSnapshot {
  status: EvidenceExportStatus;
  /** What the running (or last) export was started for: the sale detail and the list each show their own. */
  scope: EvidenceSelection['kind'] | null;
}

export class EvidenceExport extends Observable<EvidenceExportSnapshot> {
  private run = 0;
  private exportId: string | null = null;
  private cancelled = false;

  constructor(private readonly deps: EvidenceExportDeps) {
    super({ status: { phase: 'idle' }, scope: null });
  }

  get busy(): boolean {
    const p = this.getSnapshot().status.phase;
    return p === 'preparing' || p === 'writing' || p === 'finishing';
  }

  /** Starts an export; resolves when it has ended (done, failed or cancelled: see the snapshot). */
  async start(selection: EvidenceSelection): Promise<EvidenceExportStatus> {
    if (this.busy) return this.getSnapshot().status;
    const run = ++this.run;
    this.exportId = null;
    this.cancelled = false;
    this.set({ status: { phase: 'preparing' }, scope: selection.kind });
    try {
      const written = await this.write(selection, run);
      if (written) this.show(written);
    } catch (error) {
      if (run !== this.run) return this.getSnapshot().status;
      if (this.cancelled) this.show({ phase: 'cancelled' });
      else if (error instanceof ExportStopped) this.show({ phase: 'failed', ...error.failure });
      else if (error instanceof EvidenceSourceError) this.show({ phase: 'failed', reason: error.reason, message: error.message, file: null, last4: null });
      else {
        this.deps.logger.error('evidence.export-failed', { error });
        this.show({ phase: 'failed', reason: 'unavailable', message: error instanceof Error ? error.message : String(error), file: null, last4: null });
      }
      await this.dropOnMain();
    }
    return this.getSnapshot().status;
  }

  /** Stops the export now: main drops what it wrote; nothing is left that looks like a bundle. */
  cancel(): void {
    if (!this.busy) return;
    this.cancelled = true;
    this.show({ phase: 'cancelled' });
    this.dropOnMain().catch((error: unknown) => this.deps.logger.error('evidence.cancel-failed', { error }));
  }

  /** Back to idle (the dialog closed). */
  reset(): void {
    if (!this.busy) this.show({ phase: 'idle' });
  }

  private show(status: EvidenceExportStatus): void {
    this.set({ status });
  }

  private async dropOnMain(): Promise<void> {
    const id = this.exportId;
    this.exportId = null;
    if (id) await this.deps.api.invoke('evidence:cancel', { exportId: id });
  }

  private check(run: number): void {
    if (this.cancelled || run !== this.run) throw new ExportStopped({ reason: 'unavailable', message: 'cancelled', file: null, last4: null });
  }

  private async resolve(selection: EvidenceSelection): Promise<{ ids: string[]; name: string }> {
    const { db } = this.deps;
    if (selection.kind === 'sale') return { ids: [selection.saleId], name: selection.saleId };
    if (selection.kind === 'plan') return { ids: await saleIdsOfPlan(db, selection.plan), name: selection.name };
    const times = await saleTimes(db, [...new Set(selection.saleIds)]);
    return { ids: [...times.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id), name: selection.name };
  }

  private async write(selection: EvidenceSelection, run: number): Promise<EvidenceExportStatus | null> {
    const { db, api, settings } = this.deps;
    const { ids, name } = await this.resolve(selection);
    this.check(run);
    if (ids.length === 0) throw new ExportStopped({ reason: 'empty', message: 'no sale matches', file: null, last4: null });
    const checkpoint = await checkpointForExport(db, api);
    this.check(run);
    const now = (this.deps.now ?? Date.now)();
    const externalId = name.replace(/[^0-9A-Za-z_.-]+/g, '-').replace(/^[^0-9A-Za-z]+/, '').slice(0, 64) || `evidence-${stamp(now)}`;
    const begun = await api.invoke('evidence:begin', {
      externalId,
      caseRef: null,
      timeZone: settings().general.timeZone,
      expectedSales: ids.length,
      checkpoint: checkpoint.note,
      fileName: `evidence-${externalId}.zip`,
    });
    if (!begun.ok) throw new ExportStopped(failureOf(begun.error));
    // The desktop's save dialog was closed: nothing was started.
    if (!begun.value.exportId) return { phase: 'cancelled' };
    const exportId = begun.value.exportId;
    if (run !== this.run) {
      // A newer export started while this one was being opened: this one is dropped on main.
      await api.invoke('evidence:cancel', { exportId });
      return null;
    }
    this.exportId = exportId;
    this.check(run);
    let done = 0;
    let missing = 0;
    this.show({ phase: 'writing', done, total: ids.length });
    const shop = () => settings().shop;
    for await (const message of evidenceMessages({ db, api, shop }, ids, checkpoint)) {
      this.check(run);
      if (message.kind === 'missing') {
        missing += 1;
        continue;
      }
      const answer =
        message.kind === 'part'
          ? await api.invoke('evidence:attachment-part', { exportId, attachmentId: message.attachmentId, offset: message.offset, data: message.data })
          : await api.invoke('evidence:sales', { exportId, sales: message.sales });
      this.check(run);
      if (!answer.ok) throw new ExportStopped(failureOf(answer.error));
      if (message.kind === 'sales') {
        done += message.sales.length;
        this.show({ phase: 'writing', done: done + missing, total: ids.length });
      }
    }
    this.show({ phase: 'finishing', total: ids.length });
    const finished = await api.invoke('evidence:finish', { exportId });
    this.check(run);
    if (!finished.ok) throw new ExportStopped(failureOf(finished.error));
    this.exportId = null;
    const written = finished.value;
    if (written.downloadPath) {
      try {
        (this.deps.download ?? anchorDownload)(written.downloadPath, written.fileName);
      } catch (error) {
        throw new ExportStopped({ reason: 'download-failed', message: error instanceof Error ? error.message : String(error), file: null, last4: null });
      }
    }
    return { phase: 'done', written, missing };
  }
}
