import { afterEach, describe, expect, it } from 'vitest';
import { outcomeOf } from '../../shared/ports/acquirer-link';
import type { LinkResult } from '../../shared/ports/acquirer-link';
import { HostSimulator } from '../../test/host-sim/host-sim';
import type { Logger } from '../services/logger';
import { frameConfig } from './iso8583/framing';
import { SENTINEL_PAN, original, sentinelCard } from './iso8583/test-support';
import { Iso8583Link } from './iso8583-link';
import { OTHER_TMK_HEX, SAMPLE_TMK_HEX, tmkBytes } from '../../test/master-key-test-support';

const sims: HostSimulator[] = [];
const links: Iso8583Link[] = [];
afterEach(async () => {
  for (const l of links.splice(0)) await l.close();
  for (const s of sims.splice(0)) await s.stop();
});

const setup = async (opts: { responseTimeoutMs?: number; delayMs?: number; tmk?: Uint8Array; hostTmk?: Uint8Array } = {}) => {
  const sim = new HostSimulator({ delayMs: opts.delayMs ?? 0, batch: '000007', ...(opts.hostTmk ? { tmk: opts.hostTmk } : {}) });
  sims.push(sim);
  const { port } = await sim.start();
  let stan = 900;
  let batch = '000001';
  const lines: string[] = [];
  const capture = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, event, ...fields }));
  const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };
  const link = new Iso8583Link({
    host: '127.0.0.1',
    port,
    frame: frameConfig('6000030000', '603100000000'),
    connectTimeoutMs: 500,
    responseTimeoutMs: opts.responseTimeoutMs ?? 500,
    identity: { terminalId: '10000001', merchantId: '898100000000001' },
    nextStan: () => String(++stan).padStart(6, '0'),
    batch: { get: () => batch, set: (b) => (batch = b) },
    logger,
    ...(opts.tmk ? { tmk: opts.tmk } : {}),
  });
  links.push(link);
  let saleN = 0;
  const sale = (amountFen: number, s: string) => ({ saleId: `019a0000-0000-7000-8000-${String(++saleN).padStart(12, '0')}`, stan: s, batch: '000007', amountFen, card: sentinelCard() });
  return { sim, link, lines, sale, batch: () => batch };
};

const code = (r: LinkResult): string | null => (r.ok ? r.responseCode : null);

describe('Iso8583Link against the loopback host simulator', () => {
  it('signs on by itself (working keys, host batch), then gets a sale approved', async () => {
    const { sim, link, sale, batch } = await setup();
    const r = await link.authorize(sale(1250, '000001'));
    expect(r).toMatchObject({ ok: true, responseCode: '00', approved: true, stan: '000001', batch: '000007' });
    expect(r.ok && r.authCode).toMatch(/^\d{6}$/);
    expect(r.ok && r.rrn).toMatch(/^\d{12}$/);
    expect(r.ok && r.hostTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(link.signedOn).toBe(true);
    expect(batch()).toBe('000007');
    expect(sim.records.map((x) => [x.kind, x.mti, x.stan])).toEqual([
      ['sign-on', '0800', '000901'],
      ['sale', '0200', '000001'],
    ]);
    expect(sim.records[1]).toMatchObject({ amountFen: 1250, terminalId: '10000001', answered: true, responseCode: '00' });
  });

  it('passes a decline through: 51', async () => {
    const { link, sale } = await setup();
    const r = await link.authorize(sale(1051, '000002'));
    expect(code(r)).toBe('51');
    expect(outcomeOf(r)).toBe('declined');
  });

  it('reports no-answer (timeout, sent) when the host is slower than the response timeout', async () => {
    const { sim, link, sale } = await setup({ responseTimeoutMs: 200 });
    await link.signOn();
    sim.setDelay(400);
    const r = await link.authorize(sale(1250, '000003'));
    expect(r).toMatchObject({ ok: false, failure: 'timeout', sent: true });
    expect(outcomeOf(r)).toBe('no-answer');
  });

  it('after an answer dropped on an approval: inquiry finds the approval and exactly one reversal undoes it', async () => {
    const { sim, link, sale } = await setup({ responseTimeoutMs: 200 });
    await link.signOn();
    sim.dropNext(1, ['sale']);
    const s = sale(1250, '000004');
    expect(outcomeOf(await link.authorize(s))).toBe('no-answer');
    const inquiry = await link.inquire({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen });
    expect(inquiry).toMatchObject({ ok: true, found: true, approved: true, responseCode: '00', reversed: false });
    const rev = await link.reverse({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen, kind: 'sale', repeat: false, reasonCode: '98' });
    expect(rev).toMatchObject({ ok: true, responseCode: '00' });
    expect(sim.count({ kind: 'reversal', stan: '000004' })).toBe(1);
    expect(sim.count({ kind: 'sale', stan: '000004' })).toBe(1);
    expect(sim.standingApprovals()).toHaveLength(0);
    const again = await link.inquire({ saleId: s.saleId, stan: s.stan, batch: s.batch, amountFen: s.amountFen });
    expect(again).toMatchObject({ found: true, approved: false, reversed: true });
  });

  it('repeats a reversal as 0401 and the host answers it from its record', async () => {
    const { sim, link, sale } = await setup({ responseTimeoutMs: 200 });
    const s = sale(1250, '000005');
    await link.authorize(s);
    sim.dropNext(1, ['reversal']);
    const first = await link.reverse({ ...s, kind: 'sale', repeat: false, reasonCode: '98' });
    expect(outcomeOf(first)).toBe('no-answer');
    const second = await link.reverse({ ...s, kind: 'sale', repeat: true, reasonCode: '98' });
    expect(code(second)).toBe('00');
    expect(sim.records.filter((x) => x.kind === 'reversal').map((x) => x.mti)).toEqual(['0400', '0401']);
  });

  it('the amount table over ISO 8583: .99 is booked but never answered, .98 never arrives', async () => {
    const { sim, link, sale } = await setup({ responseTimeoutMs: 200 });
    const lost = sale(1099, '000006');
    expect(outcomeOf(await link.authorize(lost))).toBe('no-answer');
    expect(await link.inquire(lost)).toMatchObject({ found: true, approved: true });
    const never = sale(1098, '000007');
    expect(outcomeOf(await link.authorize(never))).toBe('no-answer');
    expect(await link.inquire(never)).toMatchObject({ ok: true, found: false });
    expect(sim.transactions().map((t) => t.stan)).toEqual(['000006']);
  });

  it('reports socket-closed (sent) when the host drops the connection mid-request', async () => {
    const { sim, link, sale } = await setup();
    await link.signOn();
    sim.closeNext(1);
    const r = await link.authorize(sale(1250, '000008'));
    expect(r).toMatchObject({ ok: false, failure: 'socket-closed', sent: true });
    expect(outcomeOf(r)).toBe('no-answer');
    expect(sim.records.at(-1)).toMatchObject({ kind: 'sale', fault: 'closed', answered: false });
  });

  it('an answer with a wrong MAC is not trusted: mac-error with A0 semantics, and the next request signs on again', async () => {
    const { sim, link, sale } = await setup();
    await link.signOn();
    sim.wrongMacNext(1, 'response');
    const r = await link.authorize(sale(1250, '000009'));
    expect(r).toMatchObject({ ok: false, failure: 'mac-error', sent: true, responseCode: 'A0', resign: true });
    expect(outcomeOf(r)).toBe('no-answer');
    expect(link.signedOn).toBe(false);
    const next = await link.authorize(sale(2000, '000010'));
    expect(code(next)).toBe('00');
    expect(sim.count({ kind: 'sign-on' })).toBe(2);
  });

  it('a host that rejects our MAC answers A0: declined, resign, and the keys are renewed on the next request', async () => {
    const { sim, link, sale } = await setup();
    await link.signOn();
    sim.requireSignOn();
    const r = await link.authorize(sale(1250, '000011'));
    expect(r).toMatchObject({ ok: true, responseCode: 'A0', approved: false, resign: true });
    expect(link.signedOn).toBe(false);
    expect(code(await link.authorize(sale(1250, '000012')))).toBe('00');
    sim.wrongMacNext(1, 'reject');
    expect(code(await link.authorize(sale(1250, '000013')))).toBe('A0');
  });

  it('names what was wrong with a garbled answer (RULES 19): malformed, sent, with the codec reason and field', async () => {
    const { sim, link, sale } = await setup();
    await link.signOn();
    sim.garbleNext(1, ['sale']);
    const r = await link.authorize(sale(1250, '000035'));
    expect(r).toMatchObject({ ok: false, failure: 'malformed', sent: true, rejection: { reason: 'truncated', field: 64 } });
    expect(outcomeOf(r)).toBe('no-answer');
    expect(sim.records.at(-1)).toMatchObject({ kind: 'sale', fault: 'garbled', answered: true });
  });

  it('host down: no-connection and nothing sent; back up: works again', async () => {
    const { sim, link, sale } = await setup();
    await sim.down();
    const r = await link.authorize(sale(1250, '000014'));
    expect(r).toMatchObject({ ok: false, failure: 'no-connection', sent: false });
    expect(outcomeOf(r)).toBe('failed');
    expect((await link.echo()).ok).toBe(false);
    await sim.up();
    expect(code(await link.echo())).toBe('00');
    expect(code(await link.authorize(sale(1250, '000015')))).toBe('00');
  });

  it('sends voids (0200 200000), refunds (0220 200000) and offline advices (0220 000000) with the original in field 61', async () => {
    const { sim, link, sale } = await setup();
    const base = sale(1250, '000016');
    expect(code(await link.void({ ...base, original: original(), card: null }))).toBe('00');
    expect(code(await link.refund({ ...base, stan: '000017', amountFen: 500, original: original(), card: null }))).toBe('00');
    expect(code(await link.forward({ ...base, stan: '000018', acceptedAt: Date.now(), repeat: false }))).toBe('00');
    const seen = sim.records.filter((x) => x.kind !== 'sign-on').map((x) => [x.kind, x.mti, x.original]);
    expect(seen).toEqual([
      ['void', '0200', expect.stringMatching(/^000001000002\d{4}$/) as unknown],
      ['refund', '0220', expect.stringMatching(/^000001000002\d{4}$/) as unknown],
      ['advice', '0220', null],
    ]);
  });

  it('sends one request at a time', async () => {
    const { sim, link, sale } = await setup({ delayMs: 60 });
    await link.signOn();
    const t = Date.now();
    const results = await Promise.all([link.authorize(sale(100, '000020')), link.authorize(sale(200, '000021')), link.authorize(sale(300, '000022'))]);
    expect(results.map(code)).toEqual(['00', '00', '00']);
    expect(Date.now() - t).toBeGreaterThanOrEqual(170);
    expect(sim.records.slice(-3).map((x) => x.stan)).toEqual(['000020', '000021', '000022']);
  });

  it('never writes card data to its log', async () => {
    const { sim, link, sale, lines } = await setup({ responseTimeoutMs: 150 });
    await link.authorize(sale(1250, '000030'));
    sim.closeNext(1);
    await link.authorize(sale(1250, '000031'));
    await link.authorize(sale(1099, '000032'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(SENTINEL_PAN);
    expect(lines.join('\n')).not.toContain(SENTINEL_PAN.slice(0, 6));
  });
});

describe('Iso8583Link with a loaded terminal master key', () => {
  it('signs on with the key the host has, then gets a sale approved under the delivered MAC key', async () => {
    const { sim, link, sale } = await setup({ tmk: tmkBytes(SAMPLE_TMK_HEX), hostTmk: tmkBytes(SAMPLE_TMK_HEX) });
    expect(await link.signOn()).toMatchObject({ ok: true, responseCode: '00', approved: true });
    expect(link.signedOn).toBe(true);
    expect(await link.authorize(sale(1250, '000031'))).toMatchObject({ ok: true, responseCode: '00', approved: true });
    expect(sim.records.map((r) => r.kind)).toEqual(['sign-on', 'sale']);
  });

  it('a TMK other than the host’s cannot open the working keys: mac-error / A0 with resign, and no sale is sent', async () => {
    const { sim, link, sale, lines } = await setup({ tmk: tmkBytes(OTHER_TMK_HEX), hostTmk: tmkBytes(SAMPLE_TMK_HEX) });
    expect(await link.signOn()).toMatchObject({ ok: false, failure: 'mac-error', responseCode: 'A0', resign: true, sent: true });
    expect(link.signedOn).toBe(false);
    expect(await link.authorize(sale(1250, '000032'))).toMatchObject({ ok: false, failure: 'mac-error', responseCode: 'A0', resign: true, sent: false });
    expect(sim.records.map((r) => r.kind)).toEqual(['sign-on', 'sign-on']);
    for (const hex of [SAMPLE_TMK_HEX, OTHER_TMK_HEX]) expect(lines.join('\n').toUpperCase()).not.toContain(hex);
  });

  it('the test key no longer works once the host has a real one', async () => {
    const { link } = await setup({ hostTmk: tmkBytes(SAMPLE_TMK_HEX) });
    expect(await link.signOn()).toMatchObject({ ok: false, failure: 'mac-error', resign: true });
  });

  it('works on its own copy of the key and wipes it on close; the caller’s bytes are untouched', async () => {
    const tmk = tmkBytes(SAMPLE_TMK_HEX);
    const { link } = await setup({ tmk, hostTmk: tmkBytes(SAMPLE_TMK_HEX) });
    expect(await link.signOn()).toMatchObject({ ok: true, approved: true });
    await link.close();
    expect(tmk).toEqual(tmkBytes(SAMPLE_TMK_HEX));
    expect((link as unknown as { tmk: Uint8Array }).tmk.every((b) => b === 0)).toBe(true);
  });
});

describe('host simulator ordering', () => {
  it('voids an original that reaches the host after its reversal', async () => {
    const { sim, link, sale } = await setup({ delayMs: 0 });
    const s = sale(1250, '000040');
    expect(code(await link.reverse({ ...s, kind: 'sale', repeat: false, reasonCode: '98' }))).toBe('25');
    expect(code(await link.authorize(s))).toBe('00');
    expect(sim.standingApprovals()).toHaveLength(0);
    expect(await link.inquire(s)).toMatchObject({ found: true, reversed: true, approved: false });
  });
});
