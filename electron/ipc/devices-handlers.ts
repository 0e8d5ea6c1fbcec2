import type { CoreContext } from '../services/core-context';

export const registerDevicesHandlers = (ctx: CoreContext): void => {
  ctx.router.handle('devices:list', () => ({ devices: ctx.devices.list() }));
};
