import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';
import { MANAGER, cardDataHits, dispatch, dumpIndexedDb, setUpAsManager } from './helpers';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';


interface VirtualReceipts {
  ok: boolean;
  value: { receipts: Array<{ text: string }> };
}
const virtualReceipts = async (c: ConsoleFixture) => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as VirtualReceipts).value.receipts;

const sentinelClean = async (c: ConsoleFixture) => {
  expect(await cardDataHits(c, [SENTINEL_TEST_PAN])).toEqual([]);
};

test('the cashier journey: amount, test card, approved, signature, both copies printed', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('1250');
  await c.page.screenshot({ path: 'test-results/screens/counter-approved-zh-CN.png' });
  await counter.next();
  await counter.signAndConfirm();
  await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
  await expect(counter.printState('merchant')).toHaveAttribute('data-state', 'confirmed');
  await expect(counter.printState('customer')).toHaveAttribute('data-state', 'confirmed');
  await c.page.screenshot({ path: 'test-results/screens/counter-done-zh-CN.png' });
  const receipts = await virtualReceipts(c);
  expect(receipts).toHaveLength(2);
  expect(receipts.map((r) => r.text).join('\n')).toContain('12.50');
  expect(receipts.map((r) => r.text).join('\n')).not.toContain(SENTINEL_TEST_PAN);

  await c.page.getByTestId('language-toggle').click();
  await counter.next();
  await counter.approvedSale('3000', 'visa');
  await c.page.screenshot({ path: 'test-results/screens/counter-approved-en.png' });
  await sentinelClean(c);
});

test('typing 1 0 0 shows ￥1.00 with the keys typed and how the keypad reads them', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await expect(c.page.getByTestId('counter-amount-hint')).toContainText('按 1 0 0 为 ￥1.00');
  await counter.typeAmount('100');
  await expect(c.page.getByTestId('counter-amount')).toHaveText('￥1.00');
  await expect(c.page.getByTestId('counter-amount-typed')).toHaveText('已按键：100 = ￥1.00');
  await c.page.keyboard.press('.');
  await c.page.keyboard.press('5');
  await expect(c.page.getByTestId('counter-amount')).toHaveText('￥100.50');
});

test('double Enter on the amount starts exactly one sale', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.typeAmount('888');
  await c.page.keyboard.press('Enter');
  await c.page.keyboard.press('Enter');
  await expect(c.page.getByTestId('counter-card-step')).toBeVisible();
  const sales = await c.page.evaluate(async () => {
    const req = indexedDB.open('countersign');
    const db = await new Promise<IDBDatabase>((r) => (req.onsuccess = () => r(req.result)));
    const count = await new Promise<number>((r) => {
      const q = db.transaction('sales').objectStore('sales').count();
      q.onsuccess = () => r(q.result);
    });
    db.close();
    return count;
  });
  expect(sales).toBe(1);
});

test('declined sale shows the response code explained', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.typeAmount('1051');
  await counter.charge();
  await counter.swipe('unionpay-debit');
  await expect(counter.result()).toHaveAttribute('data-outcome', 'declined');
  await expect(c.page.getByTestId('counter-response-code')).toContainText('51');
  await expect(c.page.getByTestId('counter-explanation')).not.toBeEmpty();
});

test('the duplicate-charge guard asks before charging the same card the same amount again', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('4200');
  await counter.next();
  await counter.next();
  await counter.typeAmount('4200');
  await counter.charge();
  await counter.swipe('unionpay-debit');
  await expect(c.page.getByTestId('counter-duplicate')).toBeVisible();
  // The safe choice is the default: focused, so Enter cancels.
  await expect(c.page.getByTestId('duplicate-cancel')).toBeFocused();
  await expect(c.page.getByTestId('duplicate-cancel')).toHaveClass(/MuiButton-contained/);
  await expect(c.page.getByTestId('duplicate-confirm')).toHaveClass(/MuiButton-outlined/);
  await c.page.keyboard.press('Enter');
  await expect(counter.root()).toHaveAttribute('data-step', 'amount');
});

test('unsigned sale: reminder badge, supplementary slip, signed on paper with a scan, leaves the unsigned filter', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('2300');
  await counter.next();
  await c.page.getByTestId('signature-declined').click();
  await c.page.getByTestId('unsigned-finish').click();
  await expect(counter.done()).toHaveAttribute('data-signature', 'unsigned');
  await expect(c.page.getByTestId('unsigned-badge')).toHaveAttribute('data-count', '1');

  await c.page.getByTestId('nav-transactions').click();
  await c.page.getByTestId('filter-unsigned').click();
  await expect(c.page.getByTestId('filter-unsigned')).toHaveAttribute('data-count', '1');
  await c.page.getByTestId('sale-row').first().click();
  await c.page.getByTestId('follow-up-print-slip').click();
  await expect.poll(async () => (await virtualReceipts(c)).some((r) => r.text.includes('补签'))).toBe(true);
  await c.page.getByTestId('follow-up-paper').click();
  await c.page.getByTestId('follow-up-file').setInputFiles({ name: 'slip.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
  await c.page.getByTestId('follow-up-save').click();
  await expect(c.page.getByTestId('sale-detail')).toHaveAttribute('data-signature', 'signed');
  await c.page.keyboard.press('Escape');
  await expect(c.page.getByTestId('filter-unsigned')).toHaveAttribute('data-count', '0');
  await expect(c.page.getByTestId('unsigned-badge')).toHaveCount(0);
  await sentinelClean(c);
});

test('forced signature blocks finishing unsigned until a manager exempts it with a reason', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { forced: true } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('1800');
  await counter.next();
  await c.page.getByTestId('signature-declined').click();
  await expect(c.page.getByTestId('counter-exemption')).toBeVisible();
  await c.page.getByTestId('exemption-reason').fill('Customer has an injured hand');
  await c.page.getByTestId('exemption-pin').fill('999999');
  await c.page.getByTestId('unsigned-finish').click();
  await expect(c.page.getByTestId('exemption-error')).toBeVisible();
  await c.page.getByTestId('exemption-pin').fill(MANAGER.pin);
  await c.page.getByTestId('unsigned-finish').click();
  await expect(counter.done()).toHaveAttribute('data-signature', 'waived');
});

test('paper out: approved but not printed, then one reprint stamped REPRINT 1 once paper is back', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { printer: { customerCopy: false } } });
  await dispatch(c, 'printer:virtual-state', { state: 'paper-end' });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('990');
  await counter.next();
  await counter.signAndConfirm();
  await expect(c.page.getByTestId('not-printed-alert')).toBeVisible();
  await expect(counter.printState('merchant')).toHaveAttribute('data-state', 'failed');
  await dispatch(c, 'printer:virtual-state', { state: 'online' });
  await c.page.getByTestId('reprint-merchant').click();
  await expect(counter.printState('merchant')).toHaveAttribute('data-state', 'confirmed');
  await expect(counter.printState('merchant')).toHaveAttribute('data-reprint', '1');
  const receipts = await virtualReceipts(c);
  expect(receipts).toHaveLength(1);
  expect(receipts[0]!.text).toMatch(/REPRINT 1|重打印 1/);
});

test('the customer window shows the amount and captures the signature the cashier sees', async ({ console: c }) => {
  await setUpAsManager(c);
  const customer = await c.context.newPage();
  await customer.goto(`${c.host.web.url}&window=customer`);
  await expect(customer.getByTestId('customer-window')).toBeVisible();
  const counter = new CounterPage(c.page);
  await counter.typeAmount('6600');
  await counter.charge();
  await expect(customer.getByTestId('customer-amount')).toContainText('66.00');
  await counter.swipe('unionpay-debit');
  await expect(counter.result()).toHaveAttribute('data-outcome', 'approved');
  await counter.next();
  await expect(customer.getByTestId('customer-window')).toHaveAttribute('data-state', 'request-signature');
  await new CounterPage(customer).sign('customer-canvas');
  await customer.getByTestId('customer-done').click();
  await expect(c.page.getByTestId('counter-confirm-signature')).toBeVisible();
  await expect(c.page.getByTestId('signature-preview')).toBeVisible();
  await c.page.getByTestId('signature-confirm').click();
  await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
});

test('leaving the counter at the signature step for the list: the sale is unsigned at once, and still waits for its signature back at the counter', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('2700');
  await counter.next();
  await expect(c.page.getByTestId('signature-canvas')).toBeVisible();
  await c.page.getByTestId('nav-transactions').click();
  await expect(c.page.getByTestId('filter-unsigned')).toHaveAttribute('data-count', '1');
  await expect(c.page.getByTestId('unsigned-badge')).toHaveAttribute('data-count', '1');
  // The counter session lives outside the screen: back at the counter, the same sale waits.
  await c.page.getByTestId('nav-counter').click();
  await expect(c.page.getByTestId('counter')).toHaveAttribute('data-step', 'signature');
  await counter.signAndConfirm();
  await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
  await expect(c.page.getByTestId('unsigned-badge')).toHaveCount(0);
});

test('a reload at the signature step puts the sale in the unsigned follow-up; one left waiting for its card is cancelled', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('2600');
  await counter.next();
  await expect(c.page.getByTestId('signature-canvas')).toBeVisible();
  await c.page.reload();
  await new LoginPage(c.page).login(MANAGER.name, MANAGER.pin);
  await expect(c.page.getByTestId('unsigned-badge')).toHaveAttribute('data-count', '1');

  await counter.typeAmount('4100');
  await counter.charge();
  await expect(c.page.getByTestId('counter-card-step')).toBeVisible();
  await c.page.reload();
  await new LoginPage(c.page).login(MANAGER.name, MANAGER.pin);
  await c.page.getByTestId('nav-transactions').click();
  await expect(c.page.getByTestId('filter-unsigned')).toHaveAttribute('data-count', '1');
  await expect.poll(async () => (await dumpIndexedDb(c.page)).includes('"reason":"abandoned"')).toBe(true);
  await sentinelClean(c);
});

test('a chip card swiped at the counter is warned about before anything is charged; cancel is the default, going on charges once', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.typeAmount('4200');
  await counter.charge();
  await counter.swipe('chip-swiped');
  const warning = c.page.getByTestId('counter-chip-swiped');
  await expect(warning).toContainText('芯片卡');
  await expect(c.page.getByTestId('chip-swiped-cancel')).toBeFocused();
  await c.page.screenshot({ path: 'test-results/screens/counter-chip-swiped-zh-CN.png' });
  // Nothing was sent: no receipt, and cancelling returns to the amount.
  expect(await virtualReceipts(c)).toHaveLength(0);
  await c.page.keyboard.press('Enter');
  await expect(c.page.getByTestId('counter')).toHaveAttribute('data-step', 'amount');

  await c.page.getByTestId('language-toggle').click();
  await counter.typeAmount('4300');
  await counter.charge();
  await counter.swipe('chip-swiped');
  await expect(warning).toContainText('chip');
  await c.page.getByTestId('chip-swiped-proceed').click();
  await expect(counter.result()).toHaveAttribute('data-outcome', 'approved');
  await expect(c.page.getByTestId('counter-chip-warning')).toBeVisible();
  await sentinelClean(c);
});
