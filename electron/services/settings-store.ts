import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Settings, applySettingsPatch, defaultSettings, upgradeSettingsFile } from '../../shared/domain/settings';
import type { SettingsPatch } from '../../shared/domain/settings';
import { writeFileAtomic } from './atomic-file';
import type { Logger } from './logger';

type Listener = (settings: Settings) => void;

/**
 * Host settings in `<data>/settings.json`. A corrupt or invalid file is kept aside as
 * `settings.json.corrupt-<time>` and defaults are used, so a bad file never stops the shop.
 */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<Listener>();
  readonly file: string;
  readonly loadProblem: string | null;

  constructor(dataDir: string, private readonly logger: Logger, overrides: SettingsPatch = {}) {
    this.file = join(dataDir, 'settings.json');
    const { settings, problem } = this.load();
    this.loadProblem = problem;
    this.current = Object.keys(overrides).length > 0 ? applySettingsPatch(settings, overrides) : settings;
  }

  private load(): { settings: Settings; problem: string | null } {
    if (!existsSync(this.file)) return { settings: defaultSettings(), problem: null };
    try {
      const parsed = Settings.safeParse(upgradeSettingsFile(JSON.parse(readFileSync(this.file, 'utf8'))));
      if (parsed.success) return { settings: parsed.data, problem: null };
      throw new Error(parsed.error.issues[0]?.path.join('.') ?? 'invalid');
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      renameSync(this.file, aside);
      const problem = error instanceof Error ? error.message : String(error);
      this.logger.error('settings.corrupt', { kept: aside, problem });
      return { settings: defaultSettings(), problem };
    }
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
