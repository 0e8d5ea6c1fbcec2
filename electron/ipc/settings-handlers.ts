import { summarizeSettingsPatch } from '../../shared/domain/settings';
import type { SettingsPatch } from '../../shared/domain/settings';
import type { CoreContext } from '../services/core-context';

/**
 * Settings are applied and journaled by main in one step: the journal entry is written before
 * the change is answered, so no change exists without its record (RULES 6-7).
 */
export const registerSettingsHandlers = (ctx: CoreContext): void => {
  const apply = (patch: SettingsPatch, actor: string, action: string) => {
    const changes = summarizeSettingsPatch(patch);
    const objectId = Object.keys(changes).sort().join(',');
    try {
      const next = ctx.settings.set(patch);
      ctx.journal.append({ actor, action, objectType: 'settings', objectId, result: 'ok', detail: { changes } });
      return next;
    } catch (error) {
      ctx.journal.append({ actor, action, objectType: 'settings', objectId, result: 'fail', detail: { changes, error: error instanceof Error ? error.message.slice(0, 200) : String(error) } });
      throw error;
    }
  };
  ctx.router.handle('settings:get', () => ctx.settings.get());
  ctx.router.handle('settings:set', ({ patch }, sender) => apply(patch, ctx.auth.actorOf(sender.id), 'settings.change'));
  ctx.router.handle('settings:set-language', ({ language }, sender) => apply({ general: { language } }, ctx.auth.actorOf(sender.id), 'settings.language'));
  ctx.settings.onChange((settings) => ctx.events.emit('settings:changed', settings));
};
