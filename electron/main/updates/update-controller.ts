import type { Logger } from '../../services/logger';
import { decideCheck, decideInstallAtQuit } from './update-policy';
import type { CounterState, UpdateOffReason } from './update-policy';

/** What the updater reports; one log line each (progress only every 10 %). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available'; version: string }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'cancelled'; version: string }
  | { type: 'error'; message: string }
  /** A line of the updater's own log (which file, which signature, why it failed). */
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

/** The updater as the controller drives it: electron-updater in the app, a fake in the tests. */
export interface UpdaterPort {
  /** Asks the feed; resolves when a newer version (if any) has downloaded, rejects on failure. */
  check(): Promise<void>;
  /** Whether the downloaded update is installed when the app quits (read at quit time). */
  setInstallOnQuit(install: boolean): void;
}

export interface UpdateTiming {
  /** After start, before the first check (let the counter settle). */
  firstCheckMs: number;
  /** Between checks. */
  intervalMs: number;
  /** Retry when a check finds the counter busy. */
  busyRetryMs: number;
}

export const DEFAULT_UPDATE_TIMING: UpdateTiming = { firstCheckMs: 2 * 60_000, intervalMs: 4 * 60 * 60_000, busyRetryMs: 5 * 60_000 };

export interface UpdateControllerDeps {
  /** From `buildUpdateGate`: null when this build can update itself. */
  gate: UpdateOffReason | null;
  /** Builds the updater, wiring its events to `onEvent` before it does anything. */
  createUpdater(onEvent: (event: UpdaterEvent) => void): Promise<UpdaterPort>;
  counter(): CounterState;
  logger: Logger;
  timing?: UpdateTiming;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Checks for updates on a timer, lets them download in the background, and decides at quit
 * whether the downloaded one is installed. Every updater event goes to the log; no updater
 * failure escapes (the counter keeps selling on the version it has).
 */
export class UpdateController {
  private updater: UpdaterPort | null = null;
  private timer: NodeJS.Timeout | null = null;
  private downloadedVersion: string | null = null;
  private loggedPercent = -1;
  private stopped = false;
  private readonly timing: UpdateTiming;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.timing = deps.timing ?? DEFAULT_UPDATE_TIMING;
  }

  /** The version waiting to be installed at quit, if any. */
  get downloaded(): string | null {
    return this.downloadedVersion;
  }

  async start(): Promise<void> {
    const { gate, logger } = this.deps;
    if (gate !== null) {
      logger.info('update.off', { reason: gate });
      return;
    }
    try {
      this.updater = await this.deps.createUpdater((event) => this.onEvent(event));
    } catch (error) {
      logger.error('update.unavailable', { error: messageOf(error) });
      return;
    }
    // electron-updater arms its install-at-quit hook only if this is on when a download
    // finishes; whether it actually installs is decided in beforeQuit().
    this.updater.setInstallOnQuit(true);
    logger.info('update.on', { firstCheckInMs: this.timing.firstCheckMs, everyMs: this.timing.intervalMs });
    this.schedule(this.timing.firstCheckMs);
  }

  /** Call from the app's `before-quit`, before the core stops (the card vault is still as it was). */
  beforeQuit(): void {
    this.stop();
    if (!this.updater) return;
    const decision = decideInstallAtQuit({ ...this.deps.counter(), downloaded: this.downloadedVersion !== null });
    this.updater.setInstallOnQuit(decision.install);
    if (decision.install) this.deps.logger.info('update.install-at-quit', { version: this.downloadedVersion });
    else if (this.downloadedVersion !== null) this.deps.logger.info('update.install-postponed', { version: this.downloadedVersion, reason: decision.reason });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    const updater = this.updater;
    if (!updater) return;
    const decision = decideCheck(this.deps.counter());
    if (decision.action === 'skip') {
      this.deps.logger.info('update.check-skipped', { reason: decision.reason });
      this.schedule(this.timing.intervalMs);
      return;
    }
    if (decision.action === 'defer') {
      this.deps.logger.info('update.check-deferred', { reason: decision.reason, retryInMs: this.timing.busyRetryMs });
      this.schedule(this.timing.busyRetryMs);
      return;
    }
    this.schedule(this.timing.intervalMs);
    updater.check().catch((error: unknown) => {
      this.deps.logger.warn('update.check-failed', { error: messageOf(error) });
    });
  }

  private onEvent(event: UpdaterEvent): void {
    const { logger } = this.deps;
    switch (event.type) {
      case 'checking':
        logger.info('update.checking');
        return;
      case 'available':
        this.loggedPercent = -1;
        logger.info('update.available', { version: event.version });
        return;
      case 'not-available':
        logger.info('update.not-available', { latest: event.version });
        return;
      case 'progress': {
        const step = Math.floor(event.percent / 10) * 10;
        if (step > this.loggedPercent) {
          this.loggedPercent = step;
          logger.info('update.progress', { percent: step });
        }
        return;
      }
      case 'downloaded':
        this.downloadedVersion = event.version;
        logger.info('update.downloaded', { version: event.version });
        return;
      case 'cancelled':
        logger.warn('update.cancelled', { version: event.version });
        return;
      case 'error':
        logger.error('update.error', { error: event.message });
        return;
      case 'log':
        logger[event.level]('update.updater', { message: event.message });
        return;
    }
  }
}
