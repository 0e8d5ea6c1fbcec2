import type { CoreContext } from '../services/core-context';

export const registerSettingsHandlers = (ctx: CoreContext): void => {
  ctx.router.handle('settings:get', () => ctx.settings.get());
  ctx.router.handle('settings:set', ({ patch }) => ctx.settings.set(patch));
  ctx.settings.onChange((settings) => ctx.events.emit('settings:changed', settings));
};
