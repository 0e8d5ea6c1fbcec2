import { uuidv7 } from '../../shared/domain/ids';
import type { RoleName } from '../../shared/ipc/commands/auth';
import { createAuthority } from '../../electron/auth/authority';
import { OperatorStore } from '../../electron/auth/operator-store';
import { Router } from '../../electron/ipc/router';
import type { Sender } from '../../electron/ipc/router';
import type { CoreContext } from '../../electron/services/core-context';
import { DeviceRegistry } from '../../electron/services/device-registry';
import { EventBus } from '../../electron/services/event-bus';
import type { Logger } from '../../electron/services/logger';
import type { SecretStore } from '../../electron/services/platform';
import { SettingsStore } from '../../electron/services/settings-store';

/** Secrets in memory: every name gets `bytes` of `fill` (or a counter) on first use. */
export const memorySecrets = (fill?: number): SecretStore & { values: Map<string, Uint8Array> } => {
  const values = new Map<string, Uint8Array>();
  return {
    protectedByOs: false,
    values,
    getOrCreate: (name, bytes) => {
      const v = values.get(name) ?? new Uint8Array(bytes).fill(fill ?? values.size + 1);
      values.set(name, v);
      return Promise.resolve(v);
    },
    list: () => Promise.resolve([...values].map(([name, value]) => ({ name, value }))),
  };
};

export interface TestContext {
  ctx: CoreContext;
  events: EventBus;
  /** An operator added straight to the store (no usable PIN) with an active session: a trusted sender. */
  signedIn: (role?: RoleName) => Sender;
  /** What a host does when a window or connection closes. */
  disconnect: (sender: Sender) => void;
  /** A trusted sender with no session. */
  anonymous: () => Sender;
  stop: () => Promise<void>;
}

/**
 * A core context for one module's tests: main's real authority (journal, device key, sessions,
 * role guard) without the other domains, so a module's handlers run behind the same checks as
 * in the hosts. `signedIn` skips the PIN (the auth tests cover it) to keep module tests fast.
 */
export const makeTestContext = async (opts: { dataDir: string; logger: Logger; secrets?: SecretStore; settings?: SettingsStore; events?: EventBus; now?: () => number }): Promise<TestContext> => {
  const events = opts.events ?? new EventBus(opts.logger);
  const settings = opts.settings ?? new SettingsStore(opts.dataDir, opts.logger);
  const platform = { host: 'browser' as const, version: 'test', dataDir: opts.dataDir, secrets: opts.secrets ?? memorySecrets(), logger: opts.logger };
  const now = opts.now ?? Date.now;
  const authority = await createAuthority({ platform, settings, events, logger: opts.logger, now });
  const stoppers: Array<() => Promise<void> | void> = [authority.stop];
  const disconnects: Array<(sender: Sender) => void> = [];
  const ctx: CoreContext = {
    platform,
    logger: opts.logger,
    router: new Router(opts.logger, authority.guard),
    events,
    settings,
    devices: new DeviceRegistry(events),
    ...authority.parts,
    onStop: (fn) => stoppers.push(fn),
    onDisconnect: (fn) => disconnects.push(fn),
  };
  let n = 0;
  return {
    ctx,
    events,
    signedIn: (role = 'manager') => {
      n += 1;
      const op = OperatorStore.record({ id: uuidv7(), name: `${role} ${n}`, role, pin: { pinHash: '-', pinSalt: '-', pinIterations: 600_000 }, mustChangePin: false, now: now() });
      ctx.operators.add([op]);
      const sender: Sender = { trusted: true, label: `test-${role}-${n}`, id: `test#${n}` };
      ctx.sessions.start(sender.id, op.id, 'active');
      return sender;
    },
    disconnect: (sender) => {
      for (const fn of disconnects) fn(sender);
    },
    anonymous: () => {
      n += 1;
      return { trusted: true, label: `test-${n}`, id: `test#${n}` };
    },
    stop: async () => {
      for (const fn of stoppers.reverse()) await fn();
    },
  };
};
