import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { TransactionsPage } from './pages/transactions-page';
import { setUpAsManager, dispatch } from './helpers';


interface VirtualReceipts {
  value: { receipts: Array<{ text: string }> };
}
/** Newest first, as the virtual printer decoded them. */
const receipts = async (c: ConsoleFixture) => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as VirtualReceipts).value.receipts.map((r) => r.text);

/** `2026/11/01 14:03:22`, the slip's own format, for a time in Beijing. */
const beijing = (ms: number): string => {
  const d = new Date(ms + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};

test('a reprint three minutes later prints REPRINT 1 with the reprint time and the original time; the sale screen previews each copy as printed', async ({ console: c }) => {
  const soldAt = Date.UTC(2026, 10, 1, 6, 3, 0);
  await c.page.clock.install({ time: soldAt });
  const app = await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' }, printer: { customerCopy: false } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('8800');
  await counter.next();
  await expect(counter.printState('merchant')).toHaveAttribute('data-state', 'confirmed');

  // Three minutes on (under the idle lock), a reprint from the sale's screen.
  await c.page.clock.setSystemTime(soldAt + 3 * 60_000);
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await list.open(0);
  await list.reprint('merchant');
  await expect(list.receiptJobs()).toHaveCount(2);
  await expect.poll(async () => (await receipts(c)).length).toBe(2);
  const [reprint = '', original = ''] = await receipts(c);
  expect(original).toMatch(new RegExp(`日期时间 DATE/TIME\\s+${beijing(soldAt)}:\\d\\d`));
  expect(original).not.toContain('REPRINT');
  expect(reprint.match(/重打印 REPRINT 1/g)).toHaveLength(2);
  expect(reprint).toMatch(new RegExp(`原交易时间 ORIGINAL TIME\\s+${beijing(soldAt)}:\\d\\d`));
  expect(reprint).toMatch(new RegExp(`重打印时间 REPRINTED AT\\s+${beijing(soldAt + 3 * 60_000)}:\\d\\d`));

  // The preview shows the chosen copy as it was sent: the reprint is the second job.
  await expect(list.receiptJobs().nth(1)).toHaveAttribute('data-reprint', '1');
  await list.receiptJobs().nth(1).click();
  await expect(list.receiptPreview()).toBeVisible();
  await list.receiptPreview().scrollIntoViewIfNeeded();
  await c.page.screenshot({ path: 'test-results/screens/sale-detail-reprint-preview-zh-CN.png' });
  await expect(list.field('rrn')).toContainText(/^检索参考号（RRN）\d{12}$/);
  await expect(list.field('reference')).toContainText('备注单号');
  await expect(list.field('brand')).toContainText('银联');
  await expect(list.field('entry')).not.toContainText('hid-swipe');
});

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a supplementary signature saved empty is refused with a message; a registered case shows its contact log and photo, and a paper signature its photo', async ({ console: c }) => {
  // Two sales and three follow-ups: more than the default minute on a loaded two-core machine.
  test.setTimeout(120_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  for (const digits of ['2300', '2400']) {
    await counter.approvedSale(digits);
    await counter.next();
    await c.page.getByTestId('signature-declined').click();
    await c.page.getByTestId('unsigned-finish').click();
    await counter.next();
  }
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await list.open(0);
  await c.page.getByTestId('follow-up-capture').click();
  await c.page.getByTestId('follow-up-save').click();
  await expect(c.page.getByTestId('follow-up-error')).toContainText('尚未签名');
  await expect(list.detail()).toHaveAttribute('data-signature', 'unsigned');
  await c.page.getByRole('button', { name: '取消' }).click();
  await c.page.getByTestId('follow-up-exception').click();
  await c.page.getByTestId('follow-up-reason').fill('顾客已离店，无法补签');
  await c.page.getByTestId('follow-up-contacts').fill('11月1日 15:00 电话两次无人接听');
  // 登记并说明 may keep a photo (a chat screenshot, the customer's note); it is shown afterwards.
  await c.page.getByTestId('follow-up-file').setInputFiles({ name: 'chat.png', mimeType: 'image/png', buffer: PIXEL });
  await c.page.getByTestId('follow-up-save').click();
  await expect(list.detail()).toHaveAttribute('data-signature', 'waived');
  const registered = c.page.locator('[data-testid="signature-record"][data-kind="exception"]');
  await expect(registered.getByTestId('attachment-preview')).toHaveAttribute('data-name', 'chat.png');
  await expect(c.page.getByTestId('signature-contacts')).toContainText('电话两次无人接听');
  await expect(c.page.getByTestId('signature-reason')).toContainText('顾客已离店');
  await list.close();

  await list.open(1);
  await c.page.getByTestId('follow-up-paper').click();
  await c.page.getByTestId('follow-up-file').setInputFiles({ name: 'signed-slip.png', mimeType: 'image/png', buffer: PIXEL });
  await c.page.getByTestId('follow-up-save').click();
  await expect(list.detail()).toHaveAttribute('data-signature', 'signed');
  const photo = c.page.getByTestId('attachment-preview');
  await expect(photo).toHaveAttribute('data-name', 'signed-slip.png');
  await expect(photo.locator('img')).toHaveJSProperty('naturalWidth', 1);
  await photo.getByRole('button').click();
  await expect(c.page.getByTestId('attachment-large')).toBeVisible();
});
