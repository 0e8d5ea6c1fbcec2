import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { rotate } from '../../shared/domain/backup/rotation';
import type { BackupReason } from '../../shared/domain/backup/manifest';
import { BackupConfig, BackupInfo } from '../../shared/ipc/commands/backup';
import type { BackupStatus } from '../../shared/ipc/commands/backup';
import { writeFileAtomic } from '../services/atomic-file';

/**
 * The backup folders (issue 17): `<data>/backups/` holds the files, `index.json` what each one
 * holds (written only after the file was read back and checked), `config.json` the rotation and
 * retention settings, `state.json` the second folder's history and the last restore's undo.
 * A second folder (USB stick, network share) gets the day's first backup and every end-of-day
 * one; when it is missing the state says since when, and the status warns after some days.
 */
export const DEFAULT_BACKUP_CONFIG: BackupConfig = { intervalMinutes: 15, keepToday: 8, keepDays: 7, keepWeeks: 8, secondFolder: '', secondWarnDays: 2, retentionMonths: 24 };
const State = z.object({
  secondMissingSince: z.string().nullable().default(null),
  lastSecondCopyAt: z.string().nullable().default(null),
  undo: z.object({ name: z.string(), restoredAt: z.string() }).nullable().default(null),
  /** Backups retention relied on: kept whatever the rotation says. */
  retained: z.array(z.string()).default([]),
});
type State = z.infer<typeof State>;
const Index = z.record(z.string(), BackupInfo);

const readJson = <T>(file: string, schema: z.ZodType<T>, fallback: T): T => {
  if (!existsSync(file)) return fallback;
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is damaged; it was kept as it is`);
  return parsed.data;
};

export const backupFileName = (createdAt: string, reason: BackupReason): string => `countersign-${createdAt.replace(/[:.]/g, '-')}-${reason}.age`;
const BACKUP_NAME = /^countersign-[0-9TZ-]+-[a-z-]+\.age$/;

export class BackupStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, 'backups');
  }

  private file(name: string): string {
    return join(this.dir, name);
  }

  config(): BackupConfig {
    return { ...DEFAULT_BACKUP_CONFIG, ...readJson(this.file('config.json'), BackupConfig.partial(), {}) };
  }

  configure(patch: Partial<BackupConfig>): BackupConfig {
    const next = BackupConfig.parse({ ...this.config(), ...patch });
    writeFileAtomic(this.file('config.json'), `${JSON.stringify(next, null, 1)}\n`);
    return next;
  }

  state(): State {
    return readJson(this.file('state.json'), State, State.parse({}));
  }

  private saveState(patch: Partial<State>): void {
    writeFileAtomic(this.file('state.json'), `${JSON.stringify({ ...this.state(), ...patch }, null, 1)}\n`);
  }

  private index(): Record<string, BackupInfo> {
    return readJson(this.file('index.json'), Index, {});
  }

  /** A verified backup joins the index (and so the list, rotation and retention). */
  record(info: BackupInfo): void {
    const index = this.index();
    index[`${info.folder}/${info.name}`] = info;
    writeFileAtomic(this.file('index.json'), `${JSON.stringify(index, null, 1)}\n`);
  }

  /** Where a listed backup is, or null for a name that is not one of ours. */
  pathOf(name: string, folder: 'primary' | 'secondary' = 'primary'): string | null {
    if (!BACKUP_NAME.test(name) || basename(name) !== name) return null;
    const dir = folder === 'primary' ? this.dir : this.config().secondFolder;
    return dir ? join(dir, name) : null;
  }

  /** Verified backups whose files are still there, newest first. */
  list(): Promise<BackupInfo[]> {
    const out: BackupInfo[] = [];
    for (const info of Object.values(this.index())) {
      const path = this.pathOf(info.name, info.folder);
      if (path && existsSync(path)) out.push(info);
    }
    return Promise.resolve(out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)));
  }

  setUndo(name: string, restoredAt: string): void {
    this.saveState({ undo: { name, restoredAt } });
  }

  protectForRetention(name: string): void {
    this.saveState({ retained: [...new Set([...this.state().retained, name])] });
  }

  /** Applies the rotation to one folder; returns the names removed. */
  async rotate(folder: 'primary' | 'secondary'): Promise<string[]> {
    const config = this.config();
    const state = this.state();
    const items = (await this.list()).filter((b) => b.folder === folder);
    const protect = new Set([...(state.undo ? [state.undo.name] : []), ...state.retained]);
    const { remove } = rotate(items, config, new Date(this.now()).toISOString(), protect);
    const index = this.index();
    for (const name of remove) {
      const path = this.pathOf(name, folder);
      if (path) await rm(path, { force: true });
      delete index[`${folder}/${name}`];
    }
    if (remove.length > 0) writeFileAtomic(this.file('index.json'), `${JSON.stringify(index, null, 1)}\n`);
    return remove;
  }

  /**
   * The daily copy to the second folder: the first verified backup of each day and every
   * end-of-day one. A folder that is not there (stick pulled, share down) is remembered as
   * missing since then; the copy is made again on the next backup.
   */
  async copyToSecond(info: BackupInfo): Promise<'copied' | 'skipped' | 'missing'> {
    const { secondFolder } = this.config();
    if (!secondFolder) return 'skipped';
    const state = this.state();
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const due = info.reason === 'end-of-day' || !state.lastSecondCopyAt || state.lastSecondCopyAt.slice(0, 10) !== today;
    if (!due) return 'skipped';
    const nowIso = new Date(this.now()).toISOString();
    try {
      const s = await stat(secondFolder);
      if (!s.isDirectory()) throw new Error('not a folder');
      await mkdir(secondFolder, { recursive: true });
      const target = join(secondFolder, info.name);
      await copyFile(this.file(info.name), `${target}.partial`);
      if ((await stat(`${target}.partial`)).size !== info.bytes) throw new Error('the copy has the wrong size');
      await rename(`${target}.partial`, target);
      this.record({ ...info, folder: 'secondary' });
      this.saveState({ lastSecondCopyAt: nowIso, secondMissingSince: null });
      await this.rotate('secondary');
      return 'copied';
    } catch {
      if (!state.secondMissingSince) this.saveState({ secondMissingSince: nowIso });
      return 'missing';
    }
  }

  async status(): Promise<BackupStatus> {
    const config = this.config();
    const state = this.state();
    const backups = await this.list();
    const missingSince = config.secondFolder ? state.secondMissingSince : null;
    const warn = !!config.secondFolder && (missingSince !== null ? this.now() - Date.parse(missingSince) >= config.secondWarnDays * 86_400_000 : state.lastSecondCopyAt === null ? false : this.now() - Date.parse(state.lastSecondCopyAt) >= config.secondWarnDays * 86_400_000);
    return {
      config,
      backups,
      primaryFolder: this.dir,
      second: { state: !config.secondFolder ? 'unset' : missingSince ? 'missing' : 'ok', missingSince, lastCopyAt: state.lastSecondCopyAt, warn },
      lastBackupAt: backups.find((b) => b.folder === 'primary')?.createdAt ?? null,
      undo: state.undo,
    };
  }

  /** Leftovers of a backup cut short (a crash while writing). */
  async sweepPartials(): Promise<void> {
    if (!existsSync(this.dir)) return;
    for (const name of await readdir(this.dir)) if (name.endsWith('.partial')) await rm(join(this.dir, name), { force: true });
  }
}
