import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { uuidv7 } from '../shared/domain/ids';
import type { Envelope } from '../shared/ipc/envelope';
import type { HostResult } from '../shared/ipc/commands/acquirer';
import { registerAcquirer } from '../electron/acquirer/acquirer-module';
import { decodeMessage } from '../electron/acquirer/iso8583/codec';
import { decodeFrame, encodeFrame, frameConfig } from '../electron/acquirer/iso8583/framing';
import { unionPayEcbMac } from '../electron/acquirer/iso8583/mac';
import { encodeWithMac } from '../electron/acquirer/iso8583/messages';
import { FIXTURE_MAK, everyRequest } from '../electron/acquirer/iso8583/test-support';
import type { ClearCard } from '../electron/card/clear-card';
import { EventBus } from '../electron/services/event-bus';
import { silentLogger } from '../electron/services/logger';
import { SettingsStore } from '../electron/services/settings-store';
import { HostSimulator } from '../test/host-sim/host-sim';
import { makeTestContext, memorySecrets } from '../test/fakes/test-core';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Mean µs per call over `n` calls, after a warm-up. */
const perCall = (n: number, fn: () => void): number => {
  for (let i = 0; i < 200; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1000) / n;
};

const HOST_LATENCY_MS = Number(process.env.BENCH_HOST_LATENCY_MS ?? 20);

/**
 * Acquirer: ISO 8583 encode (with MAC and framing) and decode (unframe + fields) per message,
 * and the console's own overhead per authorization: `acquirer:prepare` excluded, the
 * `acquirer:authorize` command through the router (validation, vault, numbering, link, TCP on
 * loopback, the host simulator's decode/encode) minus the simulator's configured latency.
 */
export default async function acquirerBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const config = frameConfig('6000030000', '603100000000');
  for (const [name, request] of everyRequest()) {
    // 'refund 0220 with card' → 'refund-0220-with-card'
    const slug = name.replace(/\s+/g, '-');
    const frame = encodeFrame(encodeWithMac(request, FIXTURE_MAK, unionPayEcbMac), config);
    rows.push({ id: `acquirer.encode.${slug}`, name: `encode ${name} (MAC + frame)`, value: perCall(2000, () => void encodeFrame(encodeWithMac(request, FIXTURE_MAK, unionPayEcbMac), config)), unit: 'µs' });
    rows.push({ id: `acquirer.decode.${slug}`, name: `decode ${name}`, value: perCall(2000, () => void decodeMessage(decodeFrame(frame, 6).body)), unit: 'µs' });
  }

  const sim = new HostSimulator({ delayMs: HOST_LATENCY_MS });
  const { port } = await sim.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-acq-bench-'));
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const events = new EventBus(silentLogger);
    const t = await makeTestContext({
      dataDir,
      logger: silentLogger,
      events,
      secrets: memorySecrets(1),
      settings: new SettingsStore(dataDir, silentLogger, { general: { trainingMode: false }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, responseTimeoutMs: 5000 } }),
    });
    stops.push(t.stop);
    const ctx = t.ctx;
    const bench = t.signedIn('cashier');
    const cards = new Map<string, ClearCard>();
    await registerAcquirer(ctx, { take: (ref) => cards.get(ref) ?? null }, { monitor: false });
    const totals: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < 40; i++) {
      const saleId = uuidv7();
      const ref = `cr_bench${String(i).padStart(14, '0')}`;
      cards.set(ref, { pan: '6212345678901232', expiry: '2912', serviceCode: '101', track2: '6212345678901232=2912101000000000', entryMode: 'hid-swipe' });
      const prepared = (await ctx.router.dispatch('acquirer:prepare', { saleId }, bench)) as Envelope<{ stan: string }>;
      if (!prepared.ok) throw new Error('prepare failed');
      const t = performance.now();
      const answer = (await ctx.router.dispatch('acquirer:authorize', { saleId, stan: prepared.value.stan, kind: 'sale', amountFen: 1250, cardRef: ref }, bench)) as Envelope<HostResult>;
      const ms = performance.now() - t;
      if (!answer.ok || answer.value.outcome !== 'approved') throw new Error(`authorization failed: ${JSON.stringify(answer)}`);
      const record = sim.records.find((r) => r.kind === 'sale' && r.stan === prepared.value.stan);
      if (i >= 5 && record?.answeredAt) {
        totals.push(ms);
        // What the host really held the request: its configured latency as its timer delivered it.
        held.push(record.answeredAt - record.at);
      }
    }
    const overheads = totals.map((t, i) => t - (held[i] ?? 0));
    rows.push({ id: 'acquirer.round-trip', name: `authorization round trip over ISO 8583 on loopback (median)`, value: median(totals), unit: 'ms' });
    rows.push({ id: 'acquirer.host-hold', name: `host simulator hold time, configured ${HOST_LATENCY_MS} ms (median)`, value: median(held), unit: 'ms' });
    rows.push({ id: 'acquirer.overhead', name: 'console overhead per authorization over the host latency (median)', value: median(overheads), unit: 'ms', target: 5 });
  } finally {
    for (const stop of stops.reverse()) await stop();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
