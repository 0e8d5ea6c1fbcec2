import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { appendAudit } from '../../data/audit-repo';
import { CountersignDb } from '../../data/db';
import type { Logger } from '../logger';
import { Backups } from './backups';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const MIN = 60_000;

/** A console whose main answers the backup commands; `started` lists each automatic backup's reason. */
const world = (isManager = false, intervalMinutes = 30) => {
  const db = new CountersignDb(`backups-${uuidv7()}`);
  const clock = { now: Date.parse('2026-12-07T09:00:00.000Z') };
  const started: string[] = [];
  const commands: string[] = [];
  const api = {
    invoke: (command: string, payload: { reason?: string }) => {
      commands.push(command);
      if (command === 'backup:schedule') return Promise.resolve({ ok: true, value: { intervalMinutes, retentionMonths: 24 } });
      if (command === 'backup:status') return Promise.resolve({ ok: true, value: { config: { intervalMinutes, retentionMonths: 24 }, backups: [] } });
      if (command === 'backup:start-auto') {
        started.push(payload.reason ?? '');
        return Promise.resolve({ ok: true, value: { backupId: 'f'.repeat(32) } });
      }
      if (command === 'backup:part') return Promise.resolve({ ok: true, value: { bytes: 1 } });
      if (command === 'backup:finish') {
        return Promise.resolve({ ok: true, value: { name: 'b.age', folder: 'primary', bytes: 1, createdAt: new Date(clock.now).toISOString(), reason: payload.reason ?? 'auto', encryption: 'device-key', verified: true, rows: 1, lastSale: null, firstSale: null } });
      }
      return Promise.resolve({ ok: true, value: {} });
    },
  } as unknown as CountersignApi;
  const backups = new Backups({ db, api, logger: quiet, isManager, actor: 'op-1', now: () => clock.now });
  const activity = () => appendAudit(db, { actor: 'op-1', action: 'sale.create', objectType: 'sale', objectId: uuidv7(), result: 'ok' });
  return { db, backups, clock, started, commands, activity };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('automatic backups', () => {
  it("read the interval through backup:schedule in a cashier's session (never the manager-only status)", async () => {
    const w = world(false, 30);
    await w.backups.refresh();
    expect(w.commands).toEqual(['backup:schedule']);
    await w.backups.tick();
    await w.activity();
    w.clock.now += 20 * MIN;
    await w.backups.tick();
    expect(w.started).toEqual([]);
    w.clock.now += 10 * MIN;
    await w.backups.tick();
    expect(w.started).toEqual(['auto']);
  });

  it('run every interval while the audit log grows, and not at all while the console is idle', async () => {
    const w = world(false, 15);
    await w.backups.refresh();
    await w.backups.tick();
    for (let i = 0; i < 3; i++) {
      await w.activity();
      w.clock.now += 15 * MIN;
      await w.backups.tick();
    }
    expect(w.started).toEqual(['auto', 'auto', 'auto']);
    // Idle: hours go by with nothing written; no backup.
    for (let i = 0; i < 8; i++) {
      w.clock.now += 15 * MIN;
      await w.backups.tick();
    }
    expect(w.started).toHaveLength(3);
    // Activity again: the next check after it backs up.
    await w.activity();
    await w.backups.tick();
    expect(w.started).toHaveLength(4);
  });

  it('an end-of-day backup runs at once, whatever the interval, and restarts the interval', async () => {
    const w = world(false, 15);
    await w.backups.refresh();
    await w.backups.tick();
    await w.activity();
    w.clock.now += 5 * MIN;
    expect(await w.backups.auto('end-of-day')).toMatchObject({ verified: true });
    w.clock.now += 10 * MIN;
    await w.activity();
    await w.backups.tick();
    expect(w.started).toEqual(['end-of-day']);
    w.clock.now += 5 * MIN;
    await w.backups.tick();
    expect(w.started).toEqual(['end-of-day', 'auto']);
  });

  it('start() checks once a minute on its own timer, and stop() ends it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const w = world(false, 15);
    const tick = vi.spyOn(w.backups, 'tick').mockResolvedValue(undefined);
    w.backups.start();
    await vi.advanceTimersByTimeAsync(3 * MIN);
    expect(tick).toHaveBeenCalledTimes(3);
    w.backups.stop();
    await vi.advanceTimersByTimeAsync(3 * MIN);
    expect(tick).toHaveBeenCalledTimes(3);
  });
});
