import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { HostSimulator } from './host-sim';
import type { HostRecord } from './host-sim';
import { startControlServer } from './control-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const start = async () => {
  const sim = new HostSimulator();
  const { port } = await sim.start();
  const control = await startControlServer(sim, 0);
  cleanups.push(() => sim.stop(), () => new Promise<void>((r) => control.server.close(() => r())));
  const post = async (path: string) => (await fetch(`http://127.0.0.1:${control.port}${path}`, { method: 'POST' })).json() as Promise<Record<string, unknown>>;
  const get = async (path: string) => (await fetch(`http://127.0.0.1:${control.port}${path}`)).json() as Promise<unknown>;
  return { sim, port, post, get };
};

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('host simulator control port', () => {
  it('sets faults and delay over HTTP and reports them', async () => {
    const { sim, post } = await start();
    expect(await post('/delay?ms=250')).toMatchObject({ delayMs: 250 });
    await post('/drop?n=2&kinds=sale,advice');
    await post('/close?n=1');
    await post('/wrong-mac?n=1&mode=reject');
    const state = sim.state();
    expect(state.faults).toMatchObject({ drop: { remaining: 2 }, close: { remaining: 1 }, wrongMac: { remaining: 1, mode: 'reject' } });
    await post('/clear-faults');
    expect(sim.state().faults).toEqual({ drop: null, close: null, garble: null, wrongMac: null });
  });

  it('goes down and comes back up on the same port', async () => {
    const { port, post } = await start();
    expect(await canConnect(port)).toBe(true);
    expect(await post('/down')).toMatchObject({ listening: false });
    expect(await canConnect(port)).toBe(false);
    expect(await post('/up')).toMatchObject({ listening: true, port });
    expect(await canConnect(port)).toBe(true);
  });

  it('serves the record and refuses unknown controls', async () => {
    const { sim, get, post } = await start();
    sim.records.push({ at: 1, mti: '0200', kind: 'sale', stan: '000001', batch: '000001', terminalId: '10000001', amountFen: 100, original: null, responseCode: '00', answered: true, answeredAt: 2, duplicate: false, fault: null });
    expect((await get('/records')) as HostRecord[]).toHaveLength(1);
    expect(await post('/reset')).toMatchObject({ delayMs: 0 });
    expect((await get('/records')) as HostRecord[]).toHaveLength(0);
    expect(await post('/explode')).toMatchObject({ error: 'unknown control' });
  });
});
