import type { BackupConfig, BackupInfo, BackupStatus } from '../../../../shared/ipc/commands/backup';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { auditTreeHead } from '../../data/audit-repo';
import type { CountersignDb } from '../../data/db';
import type { Logger } from '../logger';
import { Observable } from '../observable';
import { BackupError, runBackup } from './run-backup';
import type { BackupProgress, BackupRequest } from './run-backup';
import { RestoreWizard } from './restore-wizard';
import { runRetention } from './retention';
import type { RetentionOutcome } from './retention';

/**
 * The console's backups (issue 17), built at sign-in: a manager's backup by hand, the folder's
 * status and settings, the restore wizard, and the automatic backups that run whatever screen
 * is shown: every `intervalMinutes` (15 by default) while the audit log grows (there is
 * activity), and once after each end-of-day close. One backup at a time. After each verified
 * backup, retention removes what that backup holds past the retention period (retention.ts);
 * a manager can also run it from the Backups screen.
 */
export interface BackupsState {
  status: BackupStatus | null;
  running: (BackupProgress & { reason: BackupRequest['reason'] }) | null;
  last: BackupInfo | null;
  error: { reason: string; message: string } | null;
  /** The last retention run (or the one going: `running`). */
  retention: { running: boolean; last: RetentionOutcome | null };
}

const CHECK_MS = 60_000;

export class Backups extends Observable<BackupsState> {
  readonly wizard: RestoreWizard;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastAutoAt: number;
  private lastSeq = -1;
  private intervalMinutes = 15;
  private retentionMonths = 24;
  private busy: Promise<BackupInfo | null> | null = null;

  constructor(private readonly deps: { db: CountersignDb; api: CountersignApi; logger: Logger; isManager: boolean; actor: string; now?: () => number }) {
    super({ status: null, running: null, last: null, error: null, retention: { running: false, last: null } });
    this.wizard = new RestoreWizard({ db: deps.db, api: deps.api, ...(deps.now ? { now: deps.now } : {}) });
    this.lastAutoAt = this.now();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The interval and retention period (any signed-in role); the folder's full status for a manager. */
  async refresh(): Promise<void> {
    if (!this.deps.isManager) {
      const schedule = await this.deps.api.invoke('backup:schedule', {});
      if (schedule.ok) ({ intervalMinutes: this.intervalMinutes, retentionMonths: this.retentionMonths } = schedule.value);
      else this.deps.logger.warn('backup.schedule-failed', { reason: schedule.error.reason ?? schedule.error.code });
      return;
    }
    const s = await this.deps.api.invoke('backup:status', {});
    if (s.ok) {
      ({ intervalMinutes: this.intervalMinutes, retentionMonths: this.retentionMonths } = s.value.config);
      this.set({ status: s.value });
    } else this.set({ error: { reason: s.error.reason ?? s.error.code, message: s.error.message } });
  }

  /**
   * Retention relying on `backupName` (a manager's choice on the screen: the newest verified
   * backup; automatically: the one just written). Returns null when it could not run (shown).
   */
  async retain(backupName: string): Promise<RetentionOutcome | null> {
    if (this.getSnapshot().retention.running) return null;
    this.set({ retention: { running: true, last: this.getSnapshot().retention.last }, error: null });
    try {
      const outcome = await runRetention({ db: this.deps.db, api: this.deps.api, actor: this.deps.actor, now: () => this.now() }, { backupName, months: this.retentionMonths });
      this.set({ retention: { running: false, last: outcome } });
      return outcome;
    } catch (error) {
      const e = error instanceof BackupError ? { reason: error.error.reason ?? error.error.code, message: error.error.message } : { reason: 'retention-failed', message: String(error) };
      this.deps.logger.error('retention.failed', { backupName, error: e.message });
      this.set({ retention: { running: false, last: this.getSnapshot().retention.last }, error: e });
      return null;
    }
  }

  private async run(req: BackupRequest): Promise<BackupInfo | null> {
    if (this.busy) return null;
    this.set({ running: { reason: req.reason, table: '', rows: 0 }, error: null });
    const work = runBackup(this.deps.db, this.deps.api, req, (p) => this.set({ running: { reason: req.reason, ...p } }))
      .then((info) => {
        this.set({ last: info, running: null });
        return info;
      })
      .catch((error: unknown) => {
        const e = error instanceof BackupError ? { reason: error.error.reason ?? error.error.code, message: error.error.message } : { reason: 'backup-failed', message: String(error) };
        this.deps.logger.error('backup.failed', { reason: req.reason, error: e.message });
        this.set({ running: null, error: e });
        return null;
      })
      .finally(() => {
        this.busy = null;
      });
    this.busy = work;
    const info = await work;
    // Retention runs after each verified backup, relying on that one (not after the undo of a restore).
    if (info?.verified && info.startedAt && info.firstSale && req.reason !== 'pre-restore') await this.retain(info.name);
    await this.refresh();
    return info;
  }

  backUpNow(passphrase: string | null, includePins: boolean): Promise<BackupInfo | null> {
    return this.run({ kind: 'manual', reason: 'manual', passphrase, includePins });
  }

  async configure(patch: Partial<BackupConfig>): Promise<boolean> {
    const r = await this.deps.api.invoke('backup:configure', patch);
    if (!r.ok) {
      this.set({ error: { reason: r.error.reason ?? r.error.code, message: r.error.message } });
      return false;
    }
    await this.refresh();
    return true;
  }

  /** The automatic backup, when due: activity since the last one and the interval gone by. */
  async tick(): Promise<void> {
    const seq = (await auditTreeHead(this.deps.db)).seq;
    if (this.lastSeq === -1) this.lastSeq = seq;
    if (seq === this.lastSeq || this.now() - this.lastAutoAt < this.intervalMinutes * 60_000) return;
    await this.auto('auto');
  }

  async auto(reason: 'auto' | 'end-of-day' | 'pre-update'): Promise<BackupInfo | null> {
    const seq = (await auditTreeHead(this.deps.db)).seq;
    const info = await this.run({ kind: 'auto', reason });
    if (info) {
      this.lastAutoAt = this.now();
      this.lastSeq = seq;
    }
    return info;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.deps.logger.error('backup.tick-failed', { error }));
    }, CHECK_MS);
    this.refresh().catch((error: unknown) => this.deps.logger.error('backup.status-failed', { error }));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
