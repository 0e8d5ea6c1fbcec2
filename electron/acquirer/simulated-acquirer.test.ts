import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../shared/ports/acquirer-link';
import type { LinkCard } from '../../shared/ports/acquirer-link';
import { AMOUNT_TABLE, amountTableMarkdown, ruleFor } from './amount-rules';
import { SimulatedAcquirer } from './simulated-acquirer';

const card: LinkCard = { pan: '6212345678901232', expiry: '2912', serviceCode: '101', track2: '6212345678901232=2912101000000000', entryMode: 'hid-swipe' };
let n = 0;
const saleId = (): string => `019a0000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
const make = (over: Partial<{ latency: number; outage: boolean }> = {}) => {
  const switches = { latency: over.latency ?? 0, outage: over.outage ?? false };
  const sim = new SimulatedAcquirer({ latencyMs: () => switches.latency, outage: () => switches.outage, responseTimeoutMs: () => 30 });
  return { sim, switches };
};
const sale = (amountFen: number, stan: string, id = saleId()) => ({ saleId: id, stan, batch: '000001', amountFen, card });

describe('SimulatedAcquirer amount table', () => {
  it('follows the documented table for sales', async () => {
    const { sim } = make();
    const expected: Record<string, string> = { '05': '05', '13': 'A0', '14': '14', '51': '51', '54': '54', '61': '61', '91': '91', '96': '96' };
    let stan = 100;
    for (const [ending, code] of Object.entries(expected)) {
      const r = await sim.authorize(sale(1000 + Number(ending), String(++stan).padStart(6, '0')));
      expect(r.ok && r.responseCode, ending).toBe(code);
      expect(outcomeOf(r), ending).toBe('declined');
    }
    const ok = await sim.authorize(sale(1250, '000200'));
    expect(ok).toMatchObject({ ok: true, responseCode: '00', approved: true, rrn: '000001000200' });
    expect(ok.ok && ok.authCode).toMatch(/^\d{6}$/);
  });

  it('marks A0 as resign and forgets the sign-on; the next request signs on again by itself', async () => {
    const { sim } = make();
    const r = await sim.authorize(sale(1013, '000001'));
    expect(r).toMatchObject({ ok: true, responseCode: 'A0', resign: true });
    expect(sim.signedOn).toBe(false);
    await sim.authorize(sale(1000, '000002'));
    expect(sim.signedOn).toBe(true);
    expect(sim.count({ type: 'sign-on' })).toBe(2);
  });

  it('.99: approves at the host but never answers; inquiry finds the approval and a reversal undoes it', async () => {
    const { sim } = make();
    const s = sale(1099, '000010');
    const r = await sim.authorize(s);
    expect(r).toMatchObject({ ok: false, failure: 'timeout', sent: true });
    expect(outcomeOf(r)).toBe('no-answer');
    const before = await sim.inquire({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen });
    expect(before).toMatchObject({ ok: true, found: true, approved: true, responseCode: '00' });
    const rev = await sim.reverse({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen, kind: 'sale', repeat: false, reasonCode: '98' });
    expect(rev).toMatchObject({ ok: true, responseCode: '00' });
    const after = await sim.inquire({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen });
    expect(after).toMatchObject({ found: true, approved: false, reversed: true });
    expect(sim.standingApprovals()).toHaveLength(0);
    expect(sim.count({ type: 'reversal', stan: '000010' })).toBe(1);
  });

  it('.98: the request never arrives; inquiry finds nothing and a reversal is answered 25', async () => {
    const { sim } = make();
    const s = sale(1098, '000011');
    expect(outcomeOf(await sim.authorize(s))).toBe('no-answer');
    expect(sim.count({ type: 'sale', stan: '000011' })).toBe(0);
    expect(await sim.inquire({ ...s })).toMatchObject({ ok: true, found: false });
    expect(await sim.reverse({ ...s, kind: 'sale', repeat: false, reasonCode: '98' })).toMatchObject({ ok: true, responseCode: '25' });
  });

  it('treats a repeated saleId + STAN as the same transaction, and a reused STAN as a duplicate (94)', async () => {
    const { sim } = make();
    const s = sale(3000, '000020');
    const first = await sim.authorize(s);
    const again = await sim.authorize(s);
    expect(again).toEqual({ ...first, hostTime: (again as { hostTime: string }).hostTime });
    expect(sim.standingApprovals()).toHaveLength(1);
    expect(sim.count({ type: 'sale', stan: '000020' })).toBe(2);
    expect(await sim.authorize(sale(3000, '000020'))).toMatchObject({ responseCode: '94' });
    expect(sim.standingApprovals()).toHaveLength(1);
  });

  it('forwards offline sales: declines still decline (follow-up), A0 and the no-answer endings are answered', async () => {
    const { sim } = make();
    const fwd = (amountFen: number, stan: string) => sim.forward({ saleId: saleId(), stan, batch: '000001', amountFen, card, acceptedAt: Date.now(), repeat: false });
    expect(await fwd(1051, '000030')).toMatchObject({ responseCode: '51' });
    expect(await fwd(1013, '000031')).toMatchObject({ responseCode: '00' });
    expect(await fwd(1099, '000032')).toMatchObject({ responseCode: '00' });
    expect(sim.count({ type: 'advice' })).toBe(3);
  });

  it('approves refunds and voids by reference', async () => {
    const { sim } = make();
    const original = { saleId: saleId(), stan: '000001', rrn: '000001000001', authCode: '123456', amountFen: 1051, batch: '000001', at: Date.now() };
    expect(await sim.refund({ saleId: saleId(), stan: '000040', batch: '000001', amountFen: 1051, original, card: null })).toMatchObject({ responseCode: '00' });
    expect(await sim.void({ saleId: saleId(), stan: '000041', batch: '000001', amountFen: 1051, original, card: null })).toMatchObject({ responseCode: '00' });
  });

  it('during an outage refuses before sending: no connection, nothing recorded', async () => {
    const { sim, switches } = make({ outage: true });
    const r = await sim.authorize(sale(1250, '000050'));
    expect(r).toMatchObject({ ok: false, failure: 'no-connection', sent: false });
    expect(outcomeOf(r)).toBe('failed');
    expect((await sim.echo()).ok).toBe(false);
    expect(sim.messages).toHaveLength(0);
    switches.outage = false;
    expect((await sim.echo()).ok).toBe(true);
  });

  it('answers after the configured latency', async () => {
    const { sim } = make({ latency: 60 });
    const t = Date.now();
    await sim.authorize(sale(1250, '000060'));
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });
});

describe('amount table documentation', () => {
  it('renders a Markdown table with every row and the default', () => {
    const md = amountTableMarkdown();
    for (const row of AMOUNT_TABLE) expect(md).toContain(`| .${row.ending} `);
    expect(md).toContain('anything else');
    expect(md.split('\n')).toHaveLength(AMOUNT_TABLE.length + 3);
  });

  it('approves refunds and voids and keeps advices answered', () => {
    expect(ruleFor(1051, 'refund')).toEqual({ kind: 'approve' });
    expect(ruleFor(1099, 'advice')).toEqual({ kind: 'approve' });
    expect(ruleFor(1051, 'advice')).toEqual({ kind: 'decline', code: '51' });
    expect(ruleFor(5, 'sale')).toEqual({ kind: 'decline', code: '05' });
  });
});

describe('SimulatedAcquirer races', () => {
  it('voids an original that arrives after its reversal (a reload mid-authorization)', async () => {
    const { sim, switches } = make({ latency: 80 });
    const s = sale(3300, '000070');
    const pending = sim.authorize(s);
    switches.latency = 0;
    await new Promise((r) => setTimeout(r, 10));
    expect(await sim.inquire({ ...s })).toMatchObject({ found: false });
    expect(await sim.reverse({ ...s, kind: 'sale', repeat: false, reasonCode: '98' })).toMatchObject({ responseCode: '25' });
    await pending;
    expect(sim.standingApprovals()).toHaveLength(0);
    expect(await sim.inquire({ ...s })).toMatchObject({ found: true, reversed: true, approved: false });
  });

  it('caps the training wait for a lost answer at a few seconds', async () => {
    const sim = new SimulatedAcquirer({ latencyMs: () => 0, outage: () => false, responseTimeoutMs: () => 120_000 });
    const t = Date.now();
    await sim.authorize(sale(1098, '000071'));
    expect(Date.now() - t).toBeLessThan(3_500);
  }, 10_000);
});
