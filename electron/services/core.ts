import { Router } from '../ipc/router';
import { registerAppHandlers } from '../ipc/app-handlers';
import { registerSettingsHandlers } from '../ipc/settings-handlers';
import { registerDevicesHandlers } from '../ipc/devices-handlers';
import { registerCardReader } from '../card/card-reader-module';
import { registerPrinter } from '../printer/printer-module';
import { registerAcquirer } from '../acquirer/acquirer-module';
import type { SettingsPatch } from '../../shared/domain/settings';
import { DeviceRegistry } from './device-registry';
import { EventBus } from './event-bus';
import { SettingsStore } from './settings-store';
import type { CoreContext, DomainModule } from './core-context';
import type { Platform } from './platform';

export interface Core {
  router: Router;
  events: EventBus;
  context: CoreContext;
  stop(): Promise<void>;
}

/** Every domain, in start order. Each registers its own handlers and services. */
const domains: DomainModule[] = [registerAppHandlers, registerSettingsHandlers, registerDevicesHandlers, (ctx) => registerCardReader(ctx), (ctx) => registerPrinter(ctx), registerAcquirer];

/**
 * The main-side services, identical for the desktop host and the browser host.
 * Hosts only connect a transport to `router.dispatch` and `events.subscribe`.
 */
export const createCore = async (platform: Platform, opts: { settingsOverrides?: SettingsPatch } = {}): Promise<Core> => {
  const logger = platform.logger;
  const router = new Router(logger);
  const events = new EventBus(logger);
  const settings = new SettingsStore(platform.dataDir, logger, opts.settingsOverrides);
  const devices = new DeviceRegistry(events);
  const stoppers: Array<() => Promise<void> | void> = [];
  const context: CoreContext = { platform, logger, router, events, settings, devices, onStop: (fn) => stoppers.push(fn) };
  for (const register of domains) await register(context);
  logger.info('core.started', { host: platform.host, version: platform.version, commands: router.registered().length });
  return {
    router,
    events,
    context,
    stop: async () => {
      for (const stop of stoppers.reverse()) {
        try {
          await stop();
        } catch (error) {
          logger.warn('core.stop-failed', { error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
  };
};
