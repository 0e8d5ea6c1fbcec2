import type { BackupManifest } from '../../../../shared/domain/backup/manifest';
import type { RequestOf } from '../../../../shared/ipc/contract';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { switchActiveDb } from '../../data/active-db';
import { UnknownTableError, deleteDatabase, hasSales, loadPart, openScratch, scratchName, setDeviceId, summarize } from '../../data/backup-repo';
import type { DbSummary } from '../../data/backup-repo';
import { verifyLog } from '../../data/audit-verify';
import type { LogProblem } from '../../data/audit-verify';
import type { CountersignDb } from '../../data/db';
import { Observable } from '../observable';
import { BackupError, runBackup } from './run-backup';

/**
 * A restore, rehearsed before it replaces anything (issue 17): main decrypts the chosen file and
 * checks every table hash and the manifest signature while this loads the parts into a scratch
 * database; then the audit chain and tree are verified there against the backup's signed
 * checkpoint, and the manager sees what it holds. Only on `confirm` is the live database saved
 * as a backup (the undo), main told to adopt the backup's checkpoint (or record the hand-over
 * to this device's key), and the scratch database made the live one. Any failure deletes the
 * scratch database: the live data is never touched before `confirm`.
 */
export type RestoreStep = 'idle' | 'reading' | 'verifying' | 'rehearsed' | 'saving' | 'switching' | 'done' | 'failed';

export interface RestoreState {
  step: RestoreStep;
  bytesRead: number;
  bytesTotal: number;
  rowsLoaded: number;
  auditVerified: number;
  auditTotal: number;
  manifest: BackupManifest | null;
  device: 'same' | 'other' | null;
  summary: DbSummary | null;
  /** A translated reason: a main error reason (wrong-key, damaged, foreign…) or audit/unknown-table. */
  error: { reason: string; message: string; problems?: LogProblem[] } | null;
  undoName: string | null;
}

const INITIAL: RestoreState = { step: 'idle', bytesRead: 0, bytesTotal: 0, rowsLoaded: 0, auditVerified: 0, auditTotal: 0, manifest: null, device: null, summary: null, error: null, undoName: null };

export type RestoreSource = RequestOf<'backup:restore-open'>;

export class RestoreWizard extends Observable<RestoreState> {
  private restoreId: string | null = null;
  private scratch: CountersignDb | null = null;
  private scratchDbName: string | null = null;

  constructor(private readonly deps: { db: CountersignDb; api: CountersignApi; now?: () => number }) {
    super(INITIAL);
  }

  private async fail(error: { reason: string; message: string; problems?: LogProblem[] }): Promise<void> {
    if (this.restoreId) await this.deps.api.invoke('backup:restore-cancel', { restoreId: this.restoreId });
    this.restoreId = null;
    await this.dropScratch();
    this.set({ step: 'failed', error });
  }

  private async dropScratch(): Promise<void> {
    this.scratch?.close();
    this.scratch = null;
    if (this.scratchDbName) await deleteDatabase(this.scratchDbName);
    this.scratchDbName = null;
  }

  private fromEnvelope(e: EnvelopeError): { reason: string; message: string } {
    return { reason: e.reason ?? e.code, message: e.message };
  }

  /** Decrypt, check, load into a scratch database and verify: everything short of replacing. */
  async open(source: RestoreSource): Promise<void> {
    await this.reset();
    this.set({ ...INITIAL, step: 'reading' });
    const opened = await this.deps.api.invoke('backup:restore-open', source);
    if (!opened.ok) return this.fail(this.fromEnvelope(opened.error));
    this.restoreId = opened.value.restoreId;
    this.set({ bytesTotal: opened.value.bytes });
    this.scratchDbName = scratchName((this.deps.now ?? Date.now)());
    const scratch = await openScratch(this.scratchDbName);
    this.scratch = scratch;
    let rows = 0;
    for (;;) {
      const r = await this.deps.api.invoke('backup:restore-read', { restoreId: this.restoreId });
      if (!r.ok) {
        this.restoreId = null;
        return this.fail(this.fromEnvelope(r.error));
      }
      try {
        for (const part of r.value.parts) rows += await loadPart(scratch, part.table, part.lines);
      } catch (error) {
        return this.fail({ reason: error instanceof UnknownTableError ? 'unknown-table' : 'damaged', message: error instanceof Error ? error.message : String(error) });
      }
      this.set({ bytesRead: r.value.bytesRead, rowsLoaded: rows });
      if (r.value.done) {
        if (!r.value.verdict) return this.fail({ reason: 'damaged', message: 'no manifest' });
        this.set({ manifest: r.value.verdict.manifest, device: r.value.verdict.device });
        break;
      }
    }
    const manifest = this.getSnapshot().manifest as BackupManifest;
    if (manifest.schemaVersion !== scratch.verno) return this.fail({ reason: 'schema', message: `the backup is at schema ${manifest.schemaVersion}, this console at ${scratch.verno}` });
    if (this.getSnapshot().device === 'other' && (await hasSales(this.deps.db))) {
      return this.fail({ reason: 'foreign', message: `made by another device (${manifest.fingerprint.slice(0, 16)}…) and this console has sales of its own` });
    }
    this.set({ step: 'verifying', auditTotal: manifest.audit.entries });
    const verdict = await verifyLog(scratch, {
      device: { keyName: manifest.keyName, publicKey: manifest.publicKey },
      mainLast: manifest.audit.checkpoint,
      onProgress: (n) => this.set({ auditVerified: n }),
    });
    if (!verdict.ok || verdict.entries !== manifest.audit.entries) {
      return this.fail({ reason: 'audit', message: `the audit log in the backup does not verify (${verdict.problems.length} problems)`, problems: verdict.problems });
    }
    this.set({ step: 'rehearsed', summary: await summarize(scratch) });
  }

  /** Saves the live data as a backup (the undo), then makes the checked scratch database the live one. */
  async confirm(): Promise<void> {
    const state = this.getSnapshot();
    if (state.step !== 'rehearsed' || !this.restoreId || !this.scratch || !this.scratchDbName) return;
    this.set({ step: 'saving' });
    let undoName: string;
    try {
      undoName = (await runBackup(this.deps.db, this.deps.api, { kind: 'manual', reason: 'pre-restore', passphrase: null, includePins: false })).name;
    } catch (error) {
      return this.fail(error instanceof BackupError ? this.fromEnvelope(error.error) : { reason: 'backup-failed', message: String(error) });
    }
    this.set({ step: 'switching', undoName });
    const other = state.device === 'other';
    if (other) {
      // The restored records are written on from now on by this device (its id in new entries).
      const me = await this.deps.api.invoke('device:identity', {});
      if (!me.ok) return this.fail(this.fromEnvelope(me.error));
      await setDeviceId(this.scratch, me.value.deviceId);
    }
    const committed = await this.deps.api.invoke('backup:restore-commit', { restoreId: this.restoreId, undoName, acceptOtherDevice: other });
    if (!committed.ok) return this.fail(this.fromEnvelope(committed.error));
    this.restoreId = null;
    this.scratch.close();
    this.scratch = null;
    switchActiveDb(this.scratchDbName);
    this.scratchDbName = null;
    this.set({ step: 'done' });
  }

  /** Leaves the wizard: a restore not confirmed changes nothing. */
  async reset(): Promise<void> {
    if (this.restoreId) await this.deps.api.invoke('backup:restore-cancel', { restoreId: this.restoreId });
    this.restoreId = null;
    await this.dropScratch();
    this.set(INITIAL);
  }
}
