import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { StatusStrip } from './pages/status-strip';
import { TransactionsPage } from './pages/transactions-page';
import { setUpAsManager, dispatch } from './helpers';


interface VirtualReceipts {
  value: { receipts: Array<{ text: string }> };
}
const receipts = async (c: ConsoleFixture) => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as VirtualReceipts).value.receipts.map((r) => r.text);

test.describe('the status strip', () => {
  test('the unsigned and not-printed badges open Transactions on their own filter', async ({ console: c }) => {
    const app = await setUpAsManager(c);
    const counter = new CounterPage(c.page);
    const strip = new StatusStrip(c.page);
    const list = new TransactionsPage(c.page);
    await dispatch(c, 'settings:set', { patch: { printer: { customerCopy: false } } });
    await counter.approvedSale('2300');
    await counter.next();
    await c.page.getByTestId('signature-declined').click();
    await c.page.getByTestId('unsigned-finish').click();
    await counter.next();
    await dispatch(c, 'printer:virtual-state', { state: 'cover-open' });
    await counter.approvedSale('1700', 'visa');
    await counter.next();
    await counter.signAndConfirm();
    await expect(strip.notPrinted()).toHaveAttribute('data-count', '1');

    await strip.unsigned().click();
    await expect(list.section()).toBeVisible();
    await expect(list.filter('unsigned')).toHaveAttribute('aria-pressed', 'true');
    await expect(list.filter('all')).toHaveAttribute('aria-pressed', 'false');
    await expect(list.rows()).toHaveCount(1);
    await expect(list.rows().first()).toContainText('23.00');

    // Already on Transactions: the other badge still switches the filter.
    await strip.notPrinted().click();
    await expect(list.filter('not-printed')).toHaveAttribute('aria-pressed', 'true');
    await expect(list.rows()).toHaveCount(1);
    await expect(list.rows().first()).toContainText('17.00');

    await app.goTo('counter');
    await strip.unsigned().click();
    await expect(list.filter('unsigned')).toHaveAttribute('aria-pressed', 'true');
  });

  test('the printer state shows before a card is taken, and the reader reads the same on every screen', async ({ console: c }) => {
    const app = await setUpAsManager(c);
    const strip = new StatusStrip(c.page);
    await expect(strip.printer()).toHaveAttribute('data-condition', 'ready');
    for (const [state, condition, zh] of [
      ['paper-end', 'paper-end', '缺纸'],
      ['cover-open', 'cover-open', '纸仓盖打开'],
      ['offline', 'connection-refused', '打印机拒绝连接'],
    ] as const) {
      await dispatch(c, 'printer:virtual-state', { state });
      await dispatch(c, 'printer:status', {});
      await expect(strip.printer()).toHaveAttribute('data-condition', condition, { timeout: 15_000 });
      await expect(strip.printer()).toContainText(zh);
      await expect(c.page.getByTestId('counter')).toHaveAttribute('data-step', 'amount');
    }
    await dispatch(c, 'printer:virtual-state', { state: 'online' });
    await dispatch(c, 'printer:status', {});
    await expect(strip.printer()).toHaveAttribute('data-condition', 'ready', { timeout: 15_000 });

    // Training PC: test cards, the keyboard listener "listening", and no claim of a ready USB reader.
    await expect(strip.reader()).toHaveAttribute('data-headline', 'test-cards');
    const counter = new CounterPage(c.page);
    await counter.typeAmount('500');
    await counter.charge();
    await expect(c.page.getByTestId('counter-reader-summary')).toHaveAttribute('data-headline', 'test-cards');
    await c.page.getByTestId('counter-cancel').click();
    await app.goTo('devices');
    await expect(c.page.getByTestId('card-reader-summary')).toHaveAttribute('data-headline', 'test-cards');
    await expect(c.page.getByTestId('card-reader-row-card-reader:keyboard').getByTestId('card-reader-status')).toHaveAttribute('data-status', 'listening');
    // The virtual printer panel is shown once.
    await expect(c.page.getByTestId('virtual-printer')).toHaveCount(1);
  });

  test('an offline sale is counted until it is forwarded, and its slip is marked offline with its batch and trace', async ({ console: c }) => {
    await setUpAsManager(c);
    const strip = new StatusStrip(c.page);
    const list = new TransactionsPage(c.page);
    await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' }, printer: { customerCopy: false }, offline: { enabled: true, allowSwiped: true } } });
    await dispatch(c, 'acquirer:simulator', { outage: true });
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'false');
    const counter = new CounterPage(c.page);
    await counter.typeAmount('4500');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'offline');
    await counter.next();
    await expect(strip.offline()).toHaveAttribute('data-count', '1');
    await expect(strip.offline()).toContainText('1 笔离线待上送');
    await expect.poll(async () => (await receipts(c)).length).toBe(1);
    const slip = (await receipts(c))[0] ?? '';
    expect(slip).toContain('离线交易 OFFLINE SALE');
    expect(slip).toMatch(/凭证号 TRACE\s+\d{6}/);
    expect(slip).toMatch(/批次号 BATCH\s+\d{6}/);
    expect(slip).toMatch(/授权码 AUTH\s+上送后返回 AFTER UPLOAD/);

    await strip.offline().click();
    await expect(list.filter('offline-pending')).toHaveAttribute('aria-pressed', 'true');
    await expect(list.rows()).toHaveCount(1);

    await dispatch(c, 'acquirer:simulator', { outage: false });
    await expect(strip.offline()).toHaveCount(0, { timeout: 20_000 });
  });
});
