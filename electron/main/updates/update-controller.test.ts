import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../../../test/fakes/recording-logger';
import { UpdateController } from './update-controller';
import type { UpdateTiming, UpdaterEvent, UpdaterPort } from './update-controller';
import type { CounterState, UpdateOffReason } from './update-policy';

const TIMING: UpdateTiming = { firstCheckMs: 1_000, intervalMs: 60_000, busyRetryMs: 5_000 };

/** A scriptable stand-in for electron-updater: counts checks, remembers the install-at-quit flag, emits events on demand. */
class FakeUpdater implements UpdaterPort {
  checks = 0;
  installOnQuit: boolean | null = null;
  failNextCheck: Error | null = null;
  constructor(readonly emit: (event: UpdaterEvent) => void) {}
  check(): Promise<void> {
    this.checks += 1;
    const failure = this.failNextCheck;
    this.failNextCheck = null;
    return failure ? Promise.reject(failure) : Promise.resolve();
  }
  setInstallOnQuit(install: boolean): void {
    this.installOnQuit = install;
  }
}

const setup = (opts: { gate?: UpdateOffReason | null; createFails?: boolean } = {}) => {
  const counter: CounterState = { trainingMode: false, busy: null };
  const logger = recordingLogger();
  let updater: FakeUpdater | null = null;
  let created = 0;
  const controller = new UpdateController({
    gate: opts.gate ?? null,
    createUpdater: (onEvent) => {
      created += 1;
      if (opts.createFails) return Promise.reject(new Error('cannot load electron-updater'));
      updater = new FakeUpdater(onEvent);
      return Promise.resolve(updater);
    },
    counter: () => ({ ...counter }),
    logger,
    timing: TIMING,
  });
  const fake = (): FakeUpdater => {
    if (!updater) throw new Error('no updater was created');
    return updater;
  };
  return { controller, counter, logger, fake, created: () => created };
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('update controller: when to check', () => {
  it('never creates the updater when the build cannot update, and says why', async () => {
    const t = setup({ gate: 'training-build' });
    await t.controller.start();
    await vi.advanceTimersByTimeAsync(10 * TIMING.intervalMs);
    expect(t.created()).toBe(0);
    expect(t.logger.lines).toEqual([{ level: 'info', event: 'update.off', fields: { reason: 'training-build' } }]);
  });

  it('checks first after the settling delay, then every interval', async () => {
    const t = setup();
    await t.controller.start();
    expect(t.fake().checks).toBe(0);
    await vi.advanceTimersByTimeAsync(TIMING.firstCheckMs);
    expect(t.fake().checks).toBe(1);
    await vi.advanceTimersByTimeAsync(TIMING.intervalMs);
    expect(t.fake().checks).toBe(2);
    await vi.advanceTimersByTimeAsync(2 * TIMING.intervalMs);
    expect(t.fake().checks).toBe(4);
  });

  it('does not check while the console is in training mode, and resumes when it leaves it', async () => {
    const t = setup();
    t.counter.trainingMode = true;
    await t.controller.start();
    await vi.advanceTimersByTimeAsync(TIMING.firstCheckMs + 3 * TIMING.intervalMs);
    expect(t.fake().checks).toBe(0);
    expect(t.logger.events().filter((e) => e === 'update.check-skipped')).toHaveLength(4);
    t.counter.trainingMode = false;
    await vi.advanceTimersByTimeAsync(TIMING.intervalMs);
    expect(t.fake().checks).toBe(1);
  });

  it('waits while a sale step is in flight and retries soon after', async () => {
    const t = setup();
    t.counter.busy = 'acquirer:authorize';
    await t.controller.start();
    await vi.advanceTimersByTimeAsync(TIMING.firstCheckMs);
    expect(t.fake().checks).toBe(0);
    expect(t.logger.lines.find((l) => l.event === 'update.check-deferred')?.fields).toEqual({ reason: 'acquirer:authorize', retryInMs: TIMING.busyRetryMs });
    t.counter.busy = null;
    await vi.advanceTimersByTimeAsync(TIMING.busyRetryMs);
    expect(t.fake().checks).toBe(1);
  });

  it('logs a failed check and keeps to its schedule; a broken updater never throws', async () => {
    const t = setup();
    await t.controller.start();
    t.fake().failNextCheck = new Error('getaddrinfo ENOTFOUND updates.example.cn');
    await vi.advanceTimersByTimeAsync(TIMING.firstCheckMs);
    expect(t.logger.lines.find((l) => l.event === 'update.check-failed')).toEqual({ level: 'warn', event: 'update.check-failed', fields: { error: 'getaddrinfo ENOTFOUND updates.example.cn' } });
    await vi.advanceTimersByTimeAsync(TIMING.intervalMs);
    expect(t.fake().checks).toBe(2);

    const broken = setup({ createFails: true });
    await expect(broken.controller.start()).resolves.toBeUndefined();
    expect(broken.logger.lines).toEqual([{ level: 'error', event: 'update.unavailable', fields: { error: 'cannot load electron-updater' } }]);
  });

  it('stops checking once the app is quitting', async () => {
    const t = setup();
    await t.controller.start();
    t.controller.beforeQuit();
    await vi.advanceTimersByTimeAsync(TIMING.firstCheckMs + TIMING.intervalMs);
    expect(t.fake().checks).toBe(0);
  });
});

describe('update controller: when to install', () => {
  it('keeps electron-updater’s install-at-quit hook armed while it runs', async () => {
    const t = setup();
    await t.controller.start();
    expect(t.fake().installOnQuit).toBe(true);
  });

  it('installs a downloaded update at quit when the counter is idle', async () => {
    const t = setup();
    await t.controller.start();
    t.fake().emit({ type: 'downloaded', version: '0.2.0' });
    expect(t.controller.downloaded).toBe('0.2.0');
    t.controller.beforeQuit();
    expect(t.fake().installOnQuit).toBe(true);
    expect(t.logger.lines.at(-1)).toEqual({ level: 'info', event: 'update.install-at-quit', fields: { version: '0.2.0' } });
  });

  it('holds the update when the app quits mid-sale or in training mode', async () => {
    for (const [state, reason] of [
      [{ trainingMode: false, busy: 'card-held' }, 'card-held'],
      [{ trainingMode: false, busy: 'acquirer:authorize' }, 'acquirer:authorize'],
      [{ trainingMode: true, busy: null }, 'training-mode'],
    ] as const) {
      const t = setup();
      await t.controller.start();
      t.fake().emit({ type: 'downloaded', version: '0.2.0' });
      Object.assign(t.counter, state);
      t.controller.beforeQuit();
      expect(t.fake().installOnQuit).toBe(false);
      expect(t.logger.lines.at(-1)).toEqual({ level: 'info', event: 'update.install-postponed', fields: { version: '0.2.0', reason } });
    }
  });

  it('installs nothing at quit when nothing was downloaded', async () => {
    const t = setup();
    await t.controller.start();
    t.controller.beforeQuit();
    expect(t.fake().installOnQuit).toBe(false);
    expect(t.logger.events()).not.toContain('update.install-at-quit');
  });
});

describe('update controller: logging', () => {
  it('logs every updater event, progress in 10 % steps', async () => {
    const t = setup();
    await t.controller.start();
    const emit = t.fake().emit;
    emit({ type: 'checking' });
    emit({ type: 'available', version: '0.2.0' });
    for (const percent of [0.5, 3, 9.9, 10.2, 15, 37, 99.9, 100]) emit({ type: 'progress', percent });
    emit({ type: 'downloaded', version: '0.2.0' });
    emit({ type: 'not-available', version: '0.2.0' });
    emit({ type: 'cancelled', version: '0.3.0' });
    emit({ type: 'error', message: 'New version 0.3.0 is not signed by the application owner' });
    emit({ type: 'log', level: 'warn', message: 'Sign verification failed' });
    expect(t.logger.lines.slice(1).map((l) => [l.level, l.event, l.fields])).toEqual([
      ['info', 'update.checking', {}],
      ['info', 'update.available', { version: '0.2.0' }],
      ['info', 'update.progress', { percent: 0 }],
      ['info', 'update.progress', { percent: 10 }],
      ['info', 'update.progress', { percent: 30 }],
      ['info', 'update.progress', { percent: 90 }],
      ['info', 'update.progress', { percent: 100 }],
      ['info', 'update.downloaded', { version: '0.2.0' }],
      ['info', 'update.not-available', { latest: '0.2.0' }],
      ['warn', 'update.cancelled', { version: '0.3.0' }],
      ['error', 'update.error', { error: 'New version 0.3.0 is not signed by the application owner' }],
      ['warn', 'update.updater', { message: 'Sign verification failed' }],
    ]);
  });
});
