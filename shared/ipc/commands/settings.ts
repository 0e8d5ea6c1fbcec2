import { z } from 'zod';
import { Language, Settings, SettingsPatch } from '../../domain/settings';
import { command } from '../spec';

export const settingsCommands = {
  /** The host's current settings, defaults filled in. */
  'settings:get': command(z.object({}).strict(), Settings),
  /** Merge a patch, validate the whole, persist atomically, push `settings:changed`. Returns the new settings. */
  'settings:set': command(z.object({ patch: SettingsPatch }).strict(), Settings),
  /** The console's language: anyone may switch it, on the login screen too; main journals it. */
  'settings:set-language': command(z.object({ language: Language }).strict(), Settings),
};

export const settingsEvents = {
  'settings:changed': Settings,
};
