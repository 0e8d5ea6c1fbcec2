import { Router } from '../ipc/router';
import type { Sender } from '../ipc/router';
import { registerAppHandlers } from '../ipc/app-handlers';
import { registerSettingsHandlers } from '../ipc/settings-handlers';
import { registerDevicesHandlers } from '../ipc/devices-handlers';
import { registerCardReader } from '../card/card-reader-module';
import { registerPrinter } from '../printer/printer-module';
import { registerAcquirer } from '../acquirer/acquirer-module';
import { registerAuthHandlers } from '../auth/auth-handlers';
import { registerAuditHandlers } from '../audit/audit-handlers';
import { registerEvidenceHandlers } from '../evidence/export-handlers';
import { createAuthority } from '../auth/authority';
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
  /** A window or connection went away: its session ends (journaled). */
  disconnected(sender: Sender): void;
  stop(): Promise<void>;
}

/** Every domain, in start order. Each registers its own handlers and services. */
const domains: DomainModule[] = [
  registerAuthHandlers,
  registerAuditHandlers,
  registerAppHandlers,
  registerSettingsHandlers,
  registerDevicesHandlers,
  (ctx) => registerCardReader(ctx),
  (ctx) => registerPrinter(ctx),
  registerAcquirer,
  registerEvidenceHandlers,
];

/**
 * The main-side services, identical for the desktop host and the browser host.
 * Hosts only connect a transport to `router.dispatch` and `events.subscribe`, and tell the core
 * when a window or connection goes away (`disconnected`), which ends its session.
 */
export const createCore = async (platform: Platform, opts: { settingsOverrides?: SettingsPatch; now?: () => number } = {}): Promise<Core> => {
  const logger = platform.logger;
  const events = new EventBus(logger);
  const settings = new SettingsStore(platform.dataDir, logger, opts.settingsOverrides);
  const authority = await createAuthority({ platform, settings, events, logger, now: opts.now ?? Date.now });
  const router = new Router(logger, authority.guard);
  const devices = new DeviceRegistry(events);
  const stoppers: Array<() => Promise<void> | void> = [authority.stop];
  const disconnects: Array<(sender: Sender) => void> = [];
  let stopped = false;
  const context: CoreContext = { platform, logger, router, events, settings, devices, ...authority.parts, onStop: (fn) => stoppers.push(fn), onDisconnect: (fn) => disconnects.push(fn) };
  for (const register of domains) await register(context);
  logger.info('core.started', { host: platform.host, version: platform.version, commands: router.registered().length, device: authority.parts.deviceKey.deviceId });
  return {
    router,
    events,
    context,
    disconnected: (sender) => {
      // A connection closed by the host's own shutdown ends with the process: nothing to journal then.
      if (stopped) return;
      for (const fn of disconnects) {
        try {
          fn(sender);
        } catch (error) {
          logger.error('core.disconnect-failed', { error: error instanceof Error ? error.message : String(error) });
        }
      }
      context.auth.signOut(sender, 'disconnected');
    },
    stop: async () => {
      stopped = true;
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
