import { afterEach, describe, expect, it } from 'vitest';
import type { LinkResult } from '../../shared/ports/acquirer-link';
import { LinkMonitor } from './link-monitor';

const up: LinkResult = { ok: true, responseCode: '00', approved: true, authCode: null, rrn: null, stan: '000001', batch: '000001', hostTime: null, resign: false };
const down: LinkResult = { ok: false, failure: 'no-connection', sent: false, responseCode: null, stan: '', batch: '', resign: false, detail: null };
const monitors: LinkMonitor[] = [];
afterEach(() => monitors.splice(0).forEach((m) => m.stop()));

const make = (intervals = { onlineIntervalMs: 40, offlineIntervalMs: 20 }) => {
  const host = { up: true, echoes: 0 };
  const changes: Array<[boolean, string]> = [];
  const monitor = new LinkMonitor({
    echo: () => {
      host.echoes += 1;
      return Promise.resolve(host.up ? up : down);
    },
    onChange: (online, reason) => changes.push([online, reason]),
    ...intervals,
  });
  monitors.push(monitor);
  return { monitor, host, changes };
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LinkMonitor', () => {
  it('reports the first check and then only transitions', async () => {
    const { monitor, host, changes } = make({ onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 });
    expect(await monitor.check()).toBe(true);
    await monitor.check();
    host.up = false;
    expect(await monitor.check()).toBe(false);
    await monitor.check();
    expect(changes).toEqual([
      [true, 'echo-ok'],
      [false, 'echo-no-connection'],
    ]);
    expect(monitor.snapshot).toMatchObject({ online: false, reason: 'echo-no-connection' });
    expect(monitor.snapshot.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('goes offline at once when a request cannot connect, and online on any answer', async () => {
    const { monitor, changes } = make({ onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 });
    await monitor.check();
    monitor.observe({ ok: false, failure: 'no-connection' });
    monitor.observe({ ok: true });
    expect(changes.map(([o, r]) => `${o}:${r}`)).toEqual(['true:echo-ok', 'false:no-connection', 'true:answered']);
  });

  it('echoes on its own while idle, more often when offline, and joins concurrent checks', async () => {
    const { monitor, host } = make();
    monitor.start();
    await wait(10);
    const a = monitor.check();
    const b = monitor.check();
    await Promise.all([a, b]);
    const afterStart = host.echoes;
    expect(afterStart).toBeLessThanOrEqual(2);
    await wait(100);
    expect(host.echoes).toBeGreaterThan(afterStart);
    monitor.stop();
    const stopped = host.echoes;
    await wait(60);
    expect(host.echoes).toBe(stopped);
  });

  it('checks the link after a timeout instead of guessing', async () => {
    const { monitor, host } = make({ onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 });
    await monitor.check();
    const before = host.echoes;
    monitor.observe({ ok: false, failure: 'timeout' });
    await wait(5);
    expect(host.echoes).toBe(before + 1);
  });
});
