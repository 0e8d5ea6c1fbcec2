import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Settings, applySettingsPatch, defaultSettings, upgradeSettingsFile } from '../../shared/domain/settings';
import type { SettingsPatch } from '../../shared/domain/settings';
import { writeFileAtomic } from './atomic-file';
import type { Logger } from './logger';

type Listener = (settings: Settings) => void;

/**
 * Files an earlier run leaves in the data folder. When any is there, settings.json must be too:
 * its absence means it was lost, not that this is a first run.
 */
const EARLIER_RUN_MARKERS = ['acquirer-state.json', 'terminal-master-key.json', 'keys', 'virtual-printer'];

/**
 * settings.json is damaged or missing from a folder that has been used (RULES 13a: a damaged
 * settings file never switches the console into training). The file is left exactly as it is;
 * the hosts show `message` and stop.
 */
export class SettingsLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: 'damaged' | 'missing',
    readonly detail: string,
  ) {
    super(
      problem === 'damaged'
        ? `The settings file ${file} is damaged (${detail}). It was left as it is. Repair it or restore it from a backup, then start again; ` +
            `Countersign does not start with default settings (training mode) in its place. / 设置文件 ${file} 已损坏（${detail}），已原样保留。请修复或从备份恢复后再启动；收银台不会改用默认设置（培训模式）启动。`
        : `The settings file ${file} is missing, but this data folder has been used before (${detail}). Restore settings.json from a backup, then start again; ` +
            `Countersign does not start with default settings (training mode) in its place. / 设置文件 ${file} 缺失，但此数据文件夹曾被使用（${detail}）。请从备份恢复 settings.json 后再启动；收银台不会改用默认设置（培训模式）启动。`,
    );
    this.name = 'SettingsLoadError';
  }
}

/**
 * Host settings in `<data>/settings.json`. A fresh data folder starts with the defaults
 * (training mode) and writes them at once, so every later start finds the file. A damaged file,
 * or a missing one in a folder an earlier run used, stops the start with a SettingsLoadError
 * rather than falling back to defaults: training mode must never come on by accident while live
 * sales wait to be settled.
 */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<Listener>();
  readonly file: string;

  constructor(dataDir: string, private readonly logger: Logger, overrides: SettingsPatch = {}) {
    this.file = join(dataDir, 'settings.json');
    const settings = this.load(dataDir);
    this.current = Object.keys(overrides).length > 0 ? applySettingsPatch(settings, overrides) : settings;
  }

  private load(dataDir: string): Settings {
    if (!existsSync(this.file)) {
      const used = EARLIER_RUN_MARKERS.filter((name) => existsSync(join(dataDir, name)));
      if (used.length > 0) {
        this.logger.error('settings.missing', { file: this.file, found: used });
        throw new SettingsLoadError(this.file, 'missing', used.join(', '));
      }
      const fresh = defaultSettings();
      writeFileAtomic(this.file, `${JSON.stringify(fresh, null, 2)}\n`);
      this.logger.info('settings.first-run', { file: this.file });
      return fresh;
    }
    let detail: string;
    try {
      const parsed = Settings.safeParse(upgradeSettingsFile(JSON.parse(readFileSync(this.file, 'utf8'))));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      detail = issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid';
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    this.logger.error('settings.damaged', { file: this.file, problem: detail });
    throw new SettingsLoadError(this.file, 'damaged', detail);
  }

  get(): Settings {
    return this.current;
  }

  set(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    this.logger.info('settings.changed', { sections: Object.keys(patch) });
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
