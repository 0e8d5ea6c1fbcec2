import { afterEach, describe, expect, it } from 'vitest';
import type { BatchUploadItem, SettlementTotals } from '../../shared/ports/acquirer-link';
import { HostSimulator } from '../../test/host-sim/host-sim';
import { silentLogger } from '../services/logger';
import { frameConfig } from './iso8583/framing';
import { original, sentinelCard } from './iso8583/test-support';
import { Iso8583Link } from './iso8583-link';

/** End of day over ISO 8583 against the loopback host: balanced, and unbalanced with the batch upload. */
const sims: HostSimulator[] = [];
const links: Iso8583Link[] = [];
afterEach(async () => {
  for (const l of links.splice(0)) await l.close();
  for (const s of sims.splice(0)) await s.stop();
});

const setup = async () => {
  const sim = new HostSimulator({ batch: '000007' });
  sims.push(sim);
  const { port } = await sim.start();
  let stan = 900;
  let batch = '000007';
  const link = new Iso8583Link({
    host: '127.0.0.1',
    port,
    frame: frameConfig('6000030000', '603100000000'),
    connectTimeoutMs: 500,
    responseTimeoutMs: 1000,
    identity: { terminalId: '10000001', merchantId: '898100000000001' },
    nextStan: () => String(++stan).padStart(6, '0'),
    batch: { get: () => batch, set: (b) => (batch = b) },
    logger: silentLogger,
  });
  links.push(link);
  return { sim, link, batch: () => batch };
};

const id = (n: number): string => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const none: SettlementTotals = { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 };

/** Two sales and a void of the second, as the console would have them after the day. */
const ringUp = async (link: Iso8583Link): Promise<BatchUploadItem[]> => {
  const items: BatchUploadItem[] = [];
  for (const [n, amountFen] of [
    [1, 12_345],
    [2, 8_800],
  ] as const) {
    const r = await link.authorize({ saleId: id(n), stan: `00000${n}`, batch: '000007', amountFen, card: sentinelCard() });
    if (!r.ok) throw new Error('sale not answered');
    items.push({ saleId: id(n), kind: 'sale', stan: `00000${n}`, amountFen, rrn: r.rrn, authCode: r.authCode, at: Date.UTC(2026, 10, 23, 4) });
  }
  const v = await link.void({ saleId: id(3), stan: '000003', batch: '000007', amountFen: 8_800, card: null, original: { ...original(), stan: '000002', batch: '000007', rrn: items[1]?.rrn ?? '', authCode: items[1]?.authCode ?? '' } });
  if (!v.ok) throw new Error('void not answered');
  items.push({ saleId: id(3), kind: 'void', stan: '000003', amountFen: 8_800, rrn: v.rrn, authCode: v.authCode, at: Date.UTC(2026, 10, 23, 5) });
  return items;
};

describe('settlement over ISO 8583', () => {
  it('totals that agree settle at once: one 0500, no upload, the host moves its batch on', async () => {
    const { sim, link, batch } = await setup();
    const items = await ringUp(link);
    const r = await link.settle({ batch: '000007', domestic: { debitCount: 2, debitFen: 21_145, creditCount: 1, creditFen: 8_800 }, foreign: none, transactions: items });
    expect(r).toMatchObject({ ok: true, accepted: true, responseCode: '00', domestic: 'balanced', foreign: 'balanced', uploaded: 0 });
    expect(r.ok && r.settleDate).toMatch(/^\d{4}$/);
    expect(sim.records.filter((x) => x.mti.startsWith('05') || x.mti.startsWith('03')).map((x) => x.kind)).toEqual(['settlement']);
    expect(sim.settlement.settlements).toEqual([{ batch: '000007', domestic: 'balanced', foreign: 'balanced', uploads: [], finished: true }]);
    // The next sign-on hands out the new batch.
    const on = await link.signOn();
    expect(on.ok && on.batch).toBe('000008');
    expect(batch()).toBe('000008');
  });

  it('totals that differ: the host says unbalanced, every transaction is uploaded (0320), then finished', async () => {
    const { sim, link } = await setup();
    const items = await ringUp(link);
    // The console missed the void: its credits are 0.
    const r = await link.settle({ batch: '000007', domestic: { debitCount: 2, debitFen: 21_145, creditCount: 0, creditFen: 0 }, foreign: none, transactions: items });
    expect(r).toMatchObject({ ok: true, accepted: true, domestic: 'unbalanced', foreign: 'balanced', uploaded: 3 });
    expect(sim.records.filter((x) => ['settlement', 'batch-upload', 'batch-upload-end'].includes(x.kind)).map((x) => [x.kind, x.mti, x.answered])).toEqual([
      ['settlement', '0500', true],
      ['batch-upload', '0320', true],
      ['batch-upload', '0320', true],
      ['batch-upload', '0320', true],
      ['batch-upload-end', '0320', true],
    ]);
    const s = sim.settlement.settlements[0];
    expect(s?.finished).toBe(true);
    expect(s?.uploads.map((u) => [u.originalStan, u.amountFen, u.type])).toEqual([
      ['000001', 12_345, '22'],
      ['000002', 8_800, '22'],
      ['000003', 8_800, '23'],
    ]);
  });

  it('the control switch forces an unbalanced answer even when the totals agree', async () => {
    const { sim, link } = await setup();
    const items = await ringUp(link);
    sim.settleNext('unbalanced');
    const r = await link.settle({ batch: '000007', domestic: { debitCount: 2, debitFen: 21_145, creditCount: 1, creditFen: 8_800 }, foreign: none, transactions: items });
    expect(r).toMatchObject({ ok: true, domestic: 'unbalanced', uploaded: 3 });
  });

  it('an upload the host never answers stops the settlement with how far it got', async () => {
    const { sim, link } = await setup();
    const items = await ringUp(link);
    sim.settleNext('unbalanced');
    sim.dropNext(1, ['batch-upload']);
    const r = await link.settle({ batch: '000007', domestic: { debitCount: 2, debitFen: 21_145, creditCount: 1, creditFen: 8_800 }, foreign: none, transactions: items });
    expect(r).toMatchObject({ ok: false, failure: 'timeout', sent: true });
    expect(!r.ok && r.detail).toContain('after 0 of 3');
    expect(sim.settlement.settlements[0]?.finished).toBe(false);
  });
});
