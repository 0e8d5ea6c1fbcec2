import { CheckpointSigner } from '../audit/checkpoint-signer';
import { DeviceKey } from '../audit/device-key';
import { Journal } from '../audit/journal';
import type { AccessGuard } from '../ipc/router';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';
import type { Platform } from '../services/platform';
import type { SettingsStore } from '../services/settings-store';
import { createAccessGuard } from './access-guard';
import { Approvals } from './approvals';
import { AuthService } from './auth-service';
import { OperatorAdmin } from './operator-admin';
import { OperatorStore } from './operator-store';
import { PinThrottle } from './pin-throttle';
import { SessionRegistry } from './session-registry';

/** How often main looks for sessions past the idle limit (the lock comes at most this late). */
const SWEEP_MS = 5_000;

/**
 * Builds main's authority before anything can be dispatched: the device key, the journal,
 * the checkpoint signer, the operators and their PINs, sessions, approvals, and the router's
 * access guard. Throws (the host does not start) on a damaged key, operators file or
 * checkpoint file, each with a message naming the file.
 */
export const createAuthority = async (deps: { platform: Platform; settings: SettingsStore; events: EventBus; logger: Logger; now: () => number }) => {
  const { platform, settings, events, logger, now } = deps;
  const deviceKey = await DeviceKey.open(platform.secrets, platform.dataDir, now);
  const journal = Journal.open({ dataDir: platform.dataDir, device: deviceKey.deviceId, logger, now });
  const checkpoints = new CheckpointSigner(platform.dataDir, deviceKey, journal, now);
  const operators = new OperatorStore(platform.dataDir);
  const throttle = new PinThrottle(platform.dataDir, logger);
  let auth: AuthService | null = null;
  const approvals = new Approvals(now, (want, why) =>
    journal.append({
      actor: auth?.actorOf(want.senderId) ?? '',
      action: 'auth.refused',
      objectType: 'command',
      objectId: want.purpose === 'exemption' ? 'sale:exempt-signature' : 'acquirer:authorize',
      result: 'fail',
      detail: { reason: 'approval-needed', why, purpose: want.purpose, saleId: want.saleId, record: want.usedBy },
    }),
  );
  const sessions = new SessionRegistry({
    idleMinutes: () => settings.get().general.idleLockMinutes,
    now,
    onIdleLock: (senderId, session) => auth?.idleLocked(senderId, session.operatorId),
  });
  const authDeps = { store: operators, throttle, sessions, approvals, journal, settings, events, now };
  auth = new AuthService(authDeps);
  const operatorAdmin = new OperatorAdmin(authDeps, auth);
  const guard: AccessGuard = createAccessGuard({ sessions, store: operators, journal });
  const sweep = setInterval(() => sessions.sweep(), SWEEP_MS);
  sweep.unref();
  return {
    guard,
    parts: { journal, deviceKey, checkpoints, operators, sessions, approvals, auth, operatorAdmin },
    stop: () => {
      clearInterval(sweep);
      journal.close();
    },
  };
};
