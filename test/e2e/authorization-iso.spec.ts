import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';
import { MANAGER, cardDataHits, dispatch, dumpIndexedDb, setUpAsManager } from './helpers';
import { HostSimulator } from '../host-sim/host-sim';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';
import type { SettingsPatch } from '../../shared/domain/settings';

/**
 * The fault matrix of the Authorization issue, end to end: Chromium → browser host → ISO 8583
 * over TCP → the loopback host simulator (test/host-sim), training mode off. Every assertion
 * about what reached the host reads the simulator's own record of the messages it received.
 */

const liveHost = async (c: ConsoleFixture, patch: SettingsPatch = {}): Promise<HostSimulator> => {
  const sim = new HostSimulator();
  const { port } = await sim.start();
  const settings: SettingsPatch = {
    ...patch,
    general: { trainingMode: false, idleLockMinutes: 15, ...patch.general },
    acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 1000, responseTimeoutMs: 1500, ...patch.acquirer },
    signature: { rule: 'never', ...patch.signature },
  };
  const set = await dispatch(c, 'settings:set', { patch: settings });
  if (!set.ok) throw new Error(`settings:set refused: ${JSON.stringify(set.error)}`);
  return sim;
};

/** amount (keypad digits, in fen) → card → result; returns the outcome shown. */
const sell = async (counter: CounterPage, digits: string, card = 'visa'): Promise<string | null> => {
  await counter.typeAmount(digits);
  await counter.charge();
  await counter.swipe(card);
  await expect(counter.result()).toBeVisible({ timeout: 20_000 });
  return counter.result().getAttribute('data-outcome');
};

/** From the result screen back to the amount entry. */
const backToAmount = async (c: ConsoleFixture, counter: CounterPage): Promise<void> => {
  while ((await counter.root().getAttribute('data-step')) !== 'amount') await counter.next();
  await expect(c.page.getByTestId('counter')).toHaveAttribute('data-step', 'amount');
};

/** The sentinel card's PAN and track in no IndexedDB store, data-folder file or log. */
const expectNoCardData = async (c: ConsoleFixture): Promise<void> => {
  expect(await cardDataHits(c, [SENTINEL_TEST_PAN, `${SENTINEL_TEST_PAN}=`])).toEqual([]);
};

const sims: HostSimulator[] = [];
test.afterEach(async () => {
  for (const s of sims.splice(0)) await s.stop();
});
const track = (s: HostSimulator): HostSimulator => {
  sims.push(s);
  return s;
};

test.describe('authorization over ISO 8583 against the host simulator', () => {
  test('a sale signs on and is approved over ISO 8583; the link says so', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c));
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    expect(await sell(counter, '1234', 'unionpay-debit')).toBe('approved');
    expect(sim.count({ kind: 'sign-on' })).toBeGreaterThanOrEqual(1);
    expect(sim.count({ kind: 'sale' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([1234]);
    await expectNoCardData(c);
  });

  test('the answer dropped after approval: unknown, then exactly one reversal before the next sale', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c));
    const counter = new CounterPage(c.page);
    sim.dropNext(1, ['sale']);
    expect(await sell(counter, '1500', 'unionpay-debit')).toBe('unknown');
    await backToAmount(c, counter);
    expect(await sell(counter, '2000')).toBe('approved');
    expect(sim.count({ kind: 'reversal' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([2000]);
    await c.page.getByTestId('nav-transactions').click();
    await expect(c.page.getByTestId('filter-reversed')).toHaveAttribute('data-count', '1');
    await expect(c.page.getByTestId('filter-unknown')).toHaveAttribute('data-count', '0');
  });

  test('the socket closed mid-request: unknown, resolved (inquiry + reversal) before the next sale', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c));
    const counter = new CounterPage(c.page);
    sim.closeNext(1, ['sale']);
    expect(await sell(counter, '1600')).toBe('unknown');
    await backToAmount(c, counter);
    expect(await sell(counter, '1700')).toBe('approved');
    expect(sim.count({ kind: 'inquiry' })).toBeGreaterThanOrEqual(1);
    expect(sim.count({ kind: 'reversal' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([1700]);
  });

  test('the page reloaded (crash) mid-authorization: resolved on restart, the cashier told, one reversal', async ({ console: c }) => {
    // The answer must still be on its way when the page dies: a long response timeout, a slow host.
    await setUpAsManager(c);
    const sim = track(await liveHost(c, { acquirer: { responseTimeoutMs: 15_000 } }));
    const counter = new CounterPage(c.page);
    expect(await dispatch(c, 'acquirer:sign-on', {})).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    sim.setDelay(4000);
    await counter.typeAmount('3300');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(c.page.getByTestId('counter-authorizing')).toBeVisible();
    await expect.poll(() => sim.count({ kind: 'sale' }), { timeout: 15_000 }).toBe(1);
    await c.page.reload();
    sim.setDelay(0);
    await new LoginPage(c.page).login(MANAGER.name, MANAGER.pin);
    await expect(c.page.getByTestId('counter-resolution')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sim.count({ kind: 'reversal' }), { timeout: 15_000 }).toBe(1);
    expect(sim.standingApprovals()).toEqual([]);
    await expectNoCardData(c);
  });

  test('host pulled down mid-sale, page reloaded, host back: told at each step, one reversal, no double charge', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c, { acquirer: { responseTimeoutMs: 15_000 } }));
    const counter = new CounterPage(c.page);
    expect(await dispatch(c, 'acquirer:sign-on', {})).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    sim.setDelay(4000);
    await counter.typeAmount('4400');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect.poll(() => sim.count({ kind: 'sale' }), { timeout: 15_000 }).toBe(1);
    // The host has booked (approved) the sale; its answer never comes.
    await sim.down();
    await expect(counter.result()).toHaveAttribute('data-outcome', 'unknown', { timeout: 20_000 });
    await c.page.reload();
    await new LoginPage(c.page).login(MANAGER.name, MANAGER.pin);
    const banner = c.page.getByTestId('counter-resolution');
    await expect(banner).toContainText(/仍无应答|still has no answer/, { timeout: 30_000 });
    expect(sim.count({ kind: 'reversal' })).toBe(0);
    sim.setDelay(0);
    await sim.up();
    // The link monitor sees the host back; the console settles the sale by itself and says so.
    await expect(banner).toContainText(/冲正|reversed/, { timeout: 30_000 });
    expect(sim.count({ kind: 'reversal' })).toBe(1);
    expect(sim.standingApprovals()).toEqual([]);
    await counter.typeAmount('4500');
    await counter.charge();
    await counter.swipe('visa');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'approved', { timeout: 20_000 });
    expect(sim.count({ kind: 'reversal' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([4500]);
    await expectNoCardData(c);
  });

  test('host down: offline sales within limits; host up: each forwarded exactly once, seals gone', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c, { offline: { enabled: true, allowSwiped: true, maxAmountFen: 10_000, maxCount: 5, maxTotalFen: 50_000 } }));
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    await sim.down();
    const taken: string[] = [];
    for (const [digits, card] of [['1200', 'unionpay-debit'], ['2300', 'visa'], ['3400', 'mastercard-2series']] as const) {
      taken.push((await sell(counter, digits, card)) ?? '');
      await backToAmount(c, counter);
    }
    expect(taken).toEqual(['offline', 'offline', 'offline']);
    expect(sim.count({ kind: 'advice' })).toBe(0);
    await sim.up();
    await expect(c.page.getByTestId('forwarded-notice')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sim.count({ kind: 'advice' }), { timeout: 15_000 }).toBe(3);
    // Nothing more goes out on the next link checks.
    await c.page.waitForTimeout(2000);
    const advices = sim.records.filter((r) => r.kind === 'advice');
    expect(advices).toHaveLength(3);
    expect(new Set(advices.map((r) => r.stan)).size).toBe(3);
    expect(advices.map((r) => r.amountFen)).toEqual([1200, 2300, 3400]);
    const dump = await dumpIndexedDb(c.page);
    expect(dump).not.toMatch(/"sealed":"[A-Za-z0-9+/]/);
    await expectNoCardData(c);
  });

  test('locked while offline sales wait: the host comes back and they are forwarded, each once, without unlocking', async ({ console: c }) => {
    // The manager first: main lets only a manager's session change the card host.
    await setUpAsManager(c);
    const sim = track(await liveHost(c, { offline: { enabled: true, allowSwiped: true, maxAmountFen: 10_000, maxCount: 5, maxTotalFen: 50_000 } }));
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    await sim.down();
    for (const [digits, card] of [['1500', 'visa'], ['2500', 'mastercard-2series']] as const) {
      expect(await sell(counter, digits, card)).toBe('offline');
      await backToAmount(c, counter);
    }
    await c.page.getByTestId('lock-now').click();
    await expect(c.page.getByTestId('lock-screen')).toBeVisible();
    await sim.up();
    await expect.poll(() => sim.count({ kind: 'advice' }), { timeout: 30_000 }).toBe(2);
    await expect(c.page.getByTestId('lock-screen')).toBeVisible();
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([1500, 2500]);
    await expect.poll(async () => (await dumpIndexedDb(c.page)).match(/"state":"approved"/g)?.length ?? 0).toBe(2);
  });

  test('each offline limit refuses with its reason', async ({ console: c }) => {
    await c.page.clock.install();
    await setUpAsManager(c);
    const sim = track(await liveHost(c, { offline: { enabled: true, allowSwiped: false, maxAmountFen: 5_000, maxCount: 3, maxTotalFen: 6_000, maxAgeHours: 1 } }));
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    await sim.down();
    const refusal = c.page.getByTestId('counter-refusal');
    const refused = async (digits: string, reason: RegExp): Promise<void> => {
      expect(await sell(counter, digits)).toBe('refused');
      await expect(refusal).toContainText(reason);
      await backToAmount(c, counter);
    };
    const accepted = async (digits: string, card = 'visa'): Promise<void> => {
      expect(await sell(counter, digits, card)).toBe('offline');
      await backToAmount(c, counter);
    };
    await refused('1000', /刷卡|[Ss]wiped/);
    await dispatch(c, 'settings:set', { patch: { offline: { allowSwiped: true } } });
    await accepted('1500');
    await refused('5100', /单笔|per-sale/);
    await accepted('4000', 'unionpay-debit');
    await refused('1100', /总额|total/);
    await dispatch(c, 'settings:set', { patch: { offline: { maxTotalFen: 100_000 } } });
    await accepted('900', 'mastercard-2series');
    await refused('800', /笔数|count/);
    await dispatch(c, 'settings:set', { patch: { offline: { maxCount: 10 } } });
    await c.page.clock.fastForward('01:01:00');
    await refused('700', /超时|too old/);
    expect(sim.records.filter((r) => r.kind !== 'sign-on' && r.kind !== 'echo')).toEqual([]);
  });

  test('the host rejects our MAC (A0): explained, sign-on offered and done, the next sale approved', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c));
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    sim.wrongMacNext(1, 'reject', ['sale']);
    expect(await sell(counter, '1800', 'unionpay-debit')).toBe('declined');
    await expect(c.page.getByTestId('counter-response-code')).toContainText('A0');
    await expect(c.page.getByTestId('counter-explanation')).toContainText(/MAC/);
    const signOns = sim.count({ kind: 'sign-on' });
    await c.page.getByTestId('counter-sign-on').click();
    await expect(c.page.getByTestId('counter-sign-on-result')).toHaveAttribute('data-outcome', 'signed-on');
    expect(sim.count({ kind: 'sign-on' })).toBe(signOns + 1);
    await backToAmount(c, counter);
    expect(await sell(counter, '1900')).toBe('approved');
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([1900]);
  });

  test('an answer whose MAC does not verify is not trusted: unknown, sign-on offered, reversed before the next sale', async ({ console: c }) => {
    await setUpAsManager(c);
    const sim = track(await liveHost(c));
    const counter = new CounterPage(c.page);
    sim.wrongMacNext(1, 'response', ['sale']);
    expect(await sell(counter, '2100', 'unionpay-debit')).toBe('unknown');
    await expect(c.page.getByTestId('counter-sign-on')).toBeVisible();
    await backToAmount(c, counter);
    expect(await sell(counter, '2200')).toBe('approved');
    expect(sim.count({ kind: 'reversal' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([2200]);
    await expectNoCardData(c);
  });
});
