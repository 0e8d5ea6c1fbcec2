import type { Router } from '../ipc/router';
import type { DeviceRegistry } from './device-registry';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { Platform } from './platform';
import type { SettingsStore } from './settings-store';

/** What each domain's `register*` function receives from the composition in core.ts. */
export interface CoreContext {
  platform: Platform;
  logger: Logger;
  router: Router;
  events: EventBus;
  settings: SettingsStore;
  devices: DeviceRegistry;
  /** Register cleanup to run when the host stops (close sockets, stop polls). */
  onStop(fn: () => Promise<void> | void): void;
}

/** A domain module: registers its handlers and starts its services. */
export type DomainModule = (ctx: CoreContext) => Promise<void> | void;
