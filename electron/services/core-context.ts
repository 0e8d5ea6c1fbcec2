import type { Approvals } from '../auth/approvals';
import type { AuthService } from '../auth/auth-service';
import type { OperatorAdmin } from '../auth/operator-admin';
import type { OperatorStore } from '../auth/operator-store';
import type { SessionRegistry } from '../auth/session-registry';
import type { CheckpointSigner } from '../audit/checkpoint-signer';
import type { DeviceKey } from '../audit/device-key';
import type { Journal } from '../audit/journal';
import type { Router, Sender } from '../ipc/router';
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
  /** Main's append-only journal: what main applied, recorded as it applies it. */
  journal: Journal;
  deviceKey: DeviceKey;
  checkpoints: CheckpointSigner;
  operators: OperatorStore;
  sessions: SessionRegistry;
  approvals: Approvals;
  auth: AuthService;
  operatorAdmin: OperatorAdmin;
  /** Register cleanup to run when the host stops (close sockets, stop polls). */
  onStop(fn: () => Promise<void> | void): void;
  /** Register work for when a window or connection goes away (its session ends with it). */
  onDisconnect(fn: (sender: Sender) => void): void;
}

/** A domain module: registers its handlers and starts its services. */
export type DomainModule = (ctx: CoreContext) => Promise<void> | void;
