import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { CasesPage } from './pages/cases-page';
import { TransactionsPage } from './pages/transactions-page';
import { MANAGER, dispatch, setUpAsManager } from './helpers';

/** 2026-11-01 14:03 in Beijing: the page's clock, so the SMS and notice times are known. */
const SOLD_AT = Date.UTC(2026, 10, 1, 6, 3, 0);

interface VirtualReceipts {
  value: { receipts: Array<{ text: string }> };
}
const receipts = async (c: ConsoleFixture) => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as VirtualReceipts).value.receipts.map((r) => r.text);

/** A sale on the Visa test card (last 4 1111); `again` confirms the duplicate-charge prompt. */
const sell = async (c: ConsoleFixture, counter: CounterPage, digits: string, again = false): Promise<void> => {
  await counter.typeAmount(digits);
  await counter.charge();
  await counter.swipe('visa');
  if (again) await c.page.getByTestId('duplicate-confirm').click();
  await expect(counter.result()).toHaveAttribute('data-outcome', /approved|declined/);
  const declined = (await counter.result().getAttribute('data-outcome')) === 'declined';
  await counter.next();
  // An approved sale goes on to its done step; a declined one is back at the amount.
  if (!declined) await counter.next();
};

const start = async (c: ConsoleFixture) => {
  await c.page.clock.install({ time: SOLD_AT });
  const app = await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' }, printer: { customerCopy: false } } });
  return { app, counter: new CounterPage(c.page), cases: new CasesPage(c.page), list: new TransactionsPage(c.page) };
};

test('a case opened from a sale’s detail: its checklist item turns satisfied when a supplementary signature appears; the sale shows its case and is in 有争议', async ({ console: c }) => {
  test.setTimeout(120_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('2300');
  await counter.next();
  await c.page.getByTestId('signature-declined').click();
  await c.page.getByTestId('unsigned-finish').click();
  await counter.next();
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await list.open(0);
  await c.page.getByTestId('sale-open-case').click();
  const cases = new CasesPage(c.page);
  await cases.openCase('not-recognised', '持卡人来电称不认识此笔交易');
  await expect(cases.detail()).toHaveAttribute('data-type', 'not-recognised');
  await expect(cases.check('supplementary-signature')).toHaveAttribute('data-satisfied', 'false');
  await expect(cases.check('auth-rrn')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.detail().getByTestId('case-checklist')).toHaveAttribute('data-complete', 'false');

  // The missing item acts from here: the supplementary signature, taken in the case's drawer.
  await cases.act('supplementary-signature');
  await cases.detail().getByTestId('follow-up-capture').click();
  await counter.sign('follow-up-canvas');
  await cases.detail().getByTestId('follow-up-save').click();
  await expect(cases.check('supplementary-signature')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.detail().getByTestId('case-checklist')).toHaveAttribute('data-complete', 'true');
  await cases.detail().getByTestId('case-note').fill('已与顾客电话确认');
  await cases.detail().getByTestId('case-contact-channel').fill('电话');
  await cases.detail().getByTestId('case-add-contact').click();
  await expect(cases.detail().locator('[data-testid="case-event"][data-kind="contact"]')).toContainText('已与顾客电话确认');
  await cases.detail().getByTestId('case-type').scrollIntoViewIfNeeded();
  await c.page.screenshot({ path: 'test-results/screens/case-detail-zh-CN.png' });
  await cases.close();

  await expect(c.page.getByTestId('sale-case')).toHaveAttribute('data-type', 'not-recognised');
  await list.close();
  await list.filter('disputed').click();
  await expect(list.rows()).toHaveCount(1);
});

test('SMS lookup: two candidates side by side become a duplicate case and the duplicate is refunded with the manager PIN; one candidate; none is recorded and printed', async ({ console: c }) => {
  test.setTimeout(150_000);
  const { app, counter, cases } = await start(c);
  await sell(c, counter, '8800');
  await sell(c, counter, '8800', true);
  await sell(c, counter, '1200');
  await app.goTo('lookup');
  const lookup = async (time: string, amount: string, last4: string): Promise<void> => {
    await c.page.getByTestId('lookup-time').fill(time);
    await c.page.getByTestId('lookup-amount').fill(amount);
    await c.page.getByTestId('lookup-last4').fill(last4);
    await c.page.getByTestId('lookup-find').click();
  };

  await lookup('2026-11-01 14:10', '88.00', '1111');
  await expect(c.page.getByTestId('lookup-pick')).toHaveCount(2);
  for (const box of await c.page.getByTestId('lookup-pick').all()) await box.click();
  await c.page.getByTestId('lookup-open-case').click();
  await cases.openCase('duplicate-charge', '顾客短信显示扣款两次');
  await expect(cases.detail().getByTestId('case-sales')).toHaveAttribute('data-count', '2');
  await expect(cases.detail().getByTestId('case-sale-rrn').nth(0)).not.toHaveText(await cases.detail().getByTestId('case-sale-rrn').nth(1).innerText());
  await expect(cases.check('second-charge')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.check('reversal-or-refund')).toHaveAttribute('data-satisfied', 'false');
  await cases.detail().getByTestId('case-refund-duplicate').click();
  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(cases.check('reversal-or-refund')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.detail().locator('[data-testid="case-event"][data-kind="refund"]')).toHaveCount(1);
  await cases.close();

  await lookup('2026-11-01 14:00', '12.00', '1111');
  await expect(c.page.getByTestId('lookup-pick')).toHaveCount(1);
  await c.page.getByTestId('lookup-pick').click();
  await c.page.getByTestId('lookup-open-case').click();
  await cases.openCase('wrong-amount');
  await expect(cases.detail().getByTestId('case-sales')).toHaveAttribute('data-count', '1');
  await cases.close();

  await lookup('2026-11-01 14:00', '55.55', '1111');
  await expect(c.page.getByTestId('lookup-none')).toBeVisible();
  await c.page.getByTestId('lookup-print-none').click();
  await expect(c.page.getByTestId('lookup-none-printed')).toHaveAttribute('data-state', 'confirmed');
  await expect.poll(async () => (await receipts(c))[0] ?? '').toContain('本店无此交易 NO SUCH SALE AT THIS SHOP');
});

test('failed but charged: the case asks the host, shows its answer and prints the explanation slip for the customer', async ({ console: c }) => {
  test.setTimeout(120_000);
  const { app, counter, cases, list } = await start(c);
  // .05: declined by the host (do not honour); the customer says the bank charged them anyway.
  await sell(c, counter, '6605');
  await app.goTo('transactions');
  await list.open(0);
  await c.page.getByTestId('sale-open-case').click();
  await cases.openCase('failed-but-charged');
  await expect(cases.check('host-inquiry')).toHaveAttribute('data-satisfied', 'false');
  await cases.act('host-inquiry');
  await expect(cases.check('host-inquiry')).toHaveAttribute('data-satisfied', 'true');
  await cases.detail().getByTestId('case-inquire').click();
  await expect(cases.detail().getByTestId('case-host-answer')).toHaveAttribute('data-answer', 'declined');
  await cases.act('customer-slip');
  await expect(cases.check('customer-slip')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.detail().getByTestId('case-checklist')).toHaveAttribute('data-complete', 'true');
  await expect.poll(async () => (await receipts(c))[0] ?? '').toContain('交易说明单 TRANSACTION EXPLANATION');
  const slip = (await receipts(c))[0] ?? '';
  expect(slip).toContain('未批准（未扣款） NOT APPROVED (NOT CHARGED)');
  expect(slip).toContain('￥66.05');
  expect(slip).not.toContain('4111111111111111');
});

test('bank notices: a retrieval request and a chargeback with a Visa reason code, each linked to the matching sale', async ({ console: c }) => {
  test.setTimeout(120_000);
  const { app, counter, cases } = await start(c);
  await sell(c, counter, '4500');
  await app.goTo('cases');
  await cases.notice({ kind: 'retrieval-request', reference: 'DD20261105001', date: '2026-11-01', amount: '45.00', last4: '1111', due: '2026-11-10' });
  await expect(cases.detail()).toHaveAttribute('data-type', 'retrieval-request');
  await expect(cases.detail().getByTestId('case-notice')).toContainText('DD20261105001');
  await expect(cases.detail().getByTestId('case-candidate')).toHaveCount(1);
  await cases.detail().getByTestId('case-link').click();
  await expect(cases.detail().getByTestId('case-sales')).toHaveAttribute('data-count', '1');
  await expect(cases.check('auth-rrn')).toHaveAttribute('data-satisfied', 'true');
  await expect(cases.check('receipts-printed')).toHaveAttribute('data-satisfied', 'true');
  await cases.close();

  await cases.notice({ kind: 'chargeback', reference: 'CB-7781', date: '2026-11-01', amount: '45.00', last4: '1111', scheme: 'visa', reason: 'reason-12.6.1-duplicate' });
  await expect(cases.detail()).toHaveAttribute('data-type', 'chargeback');
  await expect(cases.detail().getByTestId('case-reason')).toContainText('12.6.1');
  await cases.detail().getByTestId('case-link').click();
  await expect(cases.check('second-charge')).toHaveAttribute('data-level', 'one-of');
  await cases.close();
  await expect(cases.rows()).toHaveCount(2);
  await cases.choose('cases-filter-type', 'cases-type-chargeback');
  await expect(cases.rows()).toHaveCount(1);
});

test('a case’s due date passing: due soon, then overdue in the app bar and on the cases screen; a decision with its reason ends it', async ({ console: c }) => {
  test.setTimeout(120_000);
  const { app, counter, cases, list } = await start(c);
  await sell(c, counter, '3300');
  await app.goTo('transactions');
  await list.open(0);
  await c.page.getByTestId('sale-open-case').click();
  // System fault: 3 days to answer by default.
  await cases.openCase('system-fault');
  await expect(cases.detail().getByTestId('case-due')).toHaveAttribute('data-due', 'ok');
  await cases.close();
  await list.close();
  await c.page.clock.fastForward('25:00:00');
  await expect(c.page.getByTestId('cases-due-soon-badge')).toHaveAttribute('data-count', '1');
  await c.page.clock.fastForward('48:00:00');
  await expect(c.page.getByTestId('cases-overdue-badge')).toHaveAttribute('data-count', '1');
  await c.page.getByTestId('cases-overdue-badge').click();
  await expect(cases.rows().first()).toHaveAttribute('data-due', 'overdue');
  await c.page.screenshot({ path: 'test-results/screens/cases-zh-CN.png' });
  await app.switchLanguage();
  await c.page.screenshot({ path: 'test-results/screens/cases-en.png' });
  await cases.rows().first().click();
  await c.page.screenshot({ path: 'test-results/screens/case-detail-en.png' });
  await cases.choose('case-status-select', 'case-status-withdrawn');
  await cases.detail().getByTestId('case-status-apply').click();
  await expect(cases.detail().getByTestId('case-error')).toHaveAttribute('data-code', 'reason-required');
  await cases.detail().getByTestId('case-status-why').fill('Customer found the charge was another shop');
  await cases.detail().getByTestId('case-status-apply').click();
  await expect(cases.detail()).toHaveAttribute('data-status', 'withdrawn');
  await expect(cases.detail().getByTestId('case-due')).toHaveAttribute('data-due', 'none');
  await cases.close();
  await expect(c.page.getByTestId('cases-overdue-badge')).toHaveCount(0);
});
