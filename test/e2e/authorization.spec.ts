import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';
import { MANAGER, cardDataHits, dispatch, dumpIndexedDb, setUpAsManager } from './helpers';
import { getAcquirerLink } from '../../electron/acquirer/acquirer-module';
import type { SimulatedAcquirer } from '../../electron/acquirer/simulated-acquirer';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';

const simulator = (c: ConsoleFixture) => getAcquirerLink(c.host.core.context) as SimulatedAcquirer;
const sent = (c: ConsoleFixture, type: string) => simulator(c).received.filter((m) => m.type === type);

test.describe('authorization faults (simulated host)', () => {
  test('an answer lost after approval is reversed exactly once before the next sale', async ({ console: c }) => {
    await setUpAsManager(c);
    await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' } } });
    const counter = new CounterPage(c.page);
    await counter.typeAmount('1099');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'unknown', { timeout: 15_000 });
    await counter.next();
    await counter.approvedSale('2000', 'visa');
    expect(sent(c, 'reversal')).toHaveLength(1);
    expect(sent(c, 'reversal')[0]!.amountFen).toBe(1099);
    await c.page.getByTestId('nav-transactions').click();
    await c.page.getByTestId('filter-reversed').click();
    await expect(c.page.getByTestId('filter-reversed')).toHaveAttribute('data-count', '1');
  });

  test('a reload in the middle of authorization is resolved on restart, and the cashier is told', async ({ console: c }) => {
    await setUpAsManager(c);
    await dispatch(c, 'acquirer:simulator', { latencyMs: 4000 });
    const counter = new CounterPage(c.page);
    await counter.typeAmount('3300');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(c.page.getByTestId('counter-authorizing')).toBeVisible();
    // The sale is written `authorizing` before the request leaves: once the host has it, reload.
    await expect.poll(() => sent(c, 'sale').length, { timeout: 15_000 }).toBe(1);
    await c.page.reload();
    await dispatch(c, 'acquirer:simulator', { latencyMs: 0 });
    await new LoginPage(c.page).login(MANAGER.name, MANAGER.pin);
    await expect(c.page.getByTestId('counter-resolution')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sent(c, 'reversal').length).toBe(1);
  });

  test('host down: offline sales within limits, refused over a limit, each forwarded exactly once when the host is back', async ({ console: c }) => {
    await setUpAsManager(c);
    await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' }, offline: { enabled: true, allowSwiped: true, maxAmountFen: 5000, maxCount: 2 } } });
    await dispatch(c, 'acquirer:simulator', { outage: true });
    const counter = new CounterPage(c.page);
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'false');
    for (const [digits, card] of [['1200', 'unionpay-debit'], ['1300', 'visa']] as const) {
      await counter.typeAmount(digits);
      await counter.charge();
      await counter.swipe(card);
      await expect(counter.result()).toHaveAttribute('data-outcome', 'offline');
      await counter.next();
      await counter.next();
    }
    // Over the per-sale limit.
    await counter.typeAmount('9900');
    await counter.charge();
    await counter.swipe('mastercard-2series');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'refused');
    await expect(c.page.getByTestId('counter-refusal')).toContainText(/limit|限额/);
    await counter.next();
    // Over the count limit.
    await counter.typeAmount('1400');
    await counter.charge();
    await counter.swipe('mastercard-2series');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'refused');
    await counter.next();

    await dispatch(c, 'acquirer:simulator', { outage: false });
    await expect(c.page.getByTestId('forwarded-notice')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => sent(c, 'advice').length).toBe(2);
    await c.page.waitForTimeout(1500);
    expect(sent(c, 'advice')).toHaveLength(2);
    expect(new Set(sent(c, 'advice').map((m) => m.saleId)).size).toBe(2);
    const dump = await dumpIndexedDb(c.page);
    expect(dump).not.toContain('"sealed":"A');
    expect(await cardDataHits(c, [SENTINEL_TEST_PAN])).toEqual([]);
  });

  test('A0 (MAC error) is explained with sign on again', async ({ console: c }) => {
    await setUpAsManager(c);
    const counter = new CounterPage(c.page);
    await counter.typeAmount('1013');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'declined');
    await expect(c.page.getByTestId('counter-response-code')).toContainText('A0');
    await expect(c.page.getByTestId('counter-explanation')).toContainText(/MAC/);
  });
});
