import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { MANAGER, dispatch, setUpAsManager } from './helpers';


const openLatestSale = async (c: ConsoleFixture) => {
  await c.page.getByTestId('nav-transactions').click();
  await c.page.getByTestId('filter-all').click();
  await c.page.getByTestId('sale-row').last().click();
  await expect(c.page.getByTestId('sale-detail')).toBeVisible();
};

test('refund needs a manager PIN, may be partial and never exceeds what remains', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('5000');
  await counter.next();
  await openLatestSale(c);

  await c.page.getByTestId('detail-refund').click();
  await c.page.getByTestId('refund-amount').fill('60.00');
  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('reverse-error')).toHaveAttribute('data-reason', 'over-remaining');

  await c.page.getByTestId('refund-amount').fill('20.00');
  await c.page.getByTestId('reverse-pin').fill('111111');
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('reverse-error')).toHaveAttribute('data-reason', 'wrong-pin');

  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('linked-record').filter({ hasText: '20.00' })).toHaveAttribute('data-state', 'approved');

  await c.page.getByTestId('detail-refund').click();
  await c.page.getByTestId('refund-amount').fill('30.01');
  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('reverse-error')).toHaveAttribute('data-reason', 'over-remaining');
});

test('void needs a manager PIN and marks the sale voided', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('7700');
  await counter.next();
  await openLatestSale(c);
  await c.page.getByTestId('detail-void').click();
  await c.page.getByTestId('reverse-pin').fill('222222');
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('reverse-error')).toHaveAttribute('data-reason', 'wrong-pin');
  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('sale-detail')).toHaveAttribute('data-state', 'voided');
  await expect(c.page.getByTestId('linked-record')).toHaveAttribute('data-kind', 'void');

  // Both copies the settings ask for, each citing the sale it voids (its trace, RRN, auth code, amount).
  interface Receipts {
    value: { receipts: Array<{ text: string }> };
  }
  const texts = async () => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as Receipts).value.receipts.map((r) => r.text);
  await expect.poll(async () => (await texts()).filter((t) => t.includes('撤销 VOID')).length).toBe(2);
  const sale = (await texts()).find((t) => t.includes('消费 SALE') && t.includes('MERCHANT COPY')) ?? '';
  const rrn = /参考号 REF NO\.\s+(\d{12})/.exec(sale)?.[1];
  const stan = /凭证号 TRACE\s+(\d{6})/.exec(sale)?.[1];
  expect(rrn).toBeTruthy();
  const slips = (await texts()).filter((t) => t.includes('撤销 VOID'));
  expect(slips.some((t) => t.includes('MERCHANT COPY'))).toBe(true);
  expect(slips.some((t) => t.includes('CARDHOLDER COPY'))).toBe(true);
  for (const slip of slips) {
    expect(slip).toContain('原交易 ORIGINAL SALE');
    expect(slip).toMatch(new RegExp(`原参考号 ORIG\\. REF NO\\.\\s+${rrn}`));
    expect(slip).toMatch(new RegExp(`原凭证号 ORIG\\. TRACE\\s+${stan}`));
    expect(slip.replace(/ /g, '')).toContain('原交易金额ORIG.AMOUNT\uFFE577.00');
  }
});
