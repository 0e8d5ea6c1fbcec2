import type { BackupConfig, BackupInfo, BackupStatus } from '../../../../shared/ipc/commands/backup';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { auditTreeHead } from '../../data/audit-repo';
import type { CountersignDb } from '../../data/db';
import type { Logger } from '../logger';
import { Observable } from '../observable';
import { BackupError, runBackup } from './run-backup';
import type { BackupProgress, BackupRequest } from './run-backup';
import { RestoreWizard } from './restore-wizard';

/**
 * The console's backups (issue 17), built at sign-in: a manager's backup by hand, the folder's
 * status and settings, the restore wizard, and the automatic backups that run whatever screen
 * is shown: every `intervalMinutes` (15 by default) while the audit log grows (there is
 * activity), and once after each end-of-day close. One backup at a time.
 */
export interface BackupsState {
  status: BackupStatus | null;
  running: (BackupProgress & { reason: BackupRequest['reason'] }) | null;
  last: BackupInfo | null;
  error: { reason: string; message: string } | null;
}

const CHECK_MS = 60_000;

export class Backups extends Observable<BackupsState> {
  readonly wizard: RestoreWizard;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastAutoAt: number;
  private lastSeq = -1;
  private intervalMinutes = 15;
  private busy: Promise<BackupInfo | null> | null = null;

  constructor(private readonly deps: { db: CountersignDb; api: CountersignApi; logger: Logger; isManager: boolean; now?: () => number }) {
    super({ status: null, running: null, last: null, error: null });
    this.wizard = new RestoreWizard({ db: deps.db, api: deps.api, ...(deps.now ? { now: deps.now } : {}) });
    this.lastAutoAt = this.now();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async refresh(): Promise<void> {
    if (!this.deps.isManager) return;
    const s = await this.deps.api.invoke('backup:status', {});
    if (s.ok) {
      this.intervalMinutes = s.value.config.intervalMinutes;
      this.set({ status: s.value });
    } else this.set({ error: { reason: s.error.reason ?? s.error.code, message: s.error.message } });
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
