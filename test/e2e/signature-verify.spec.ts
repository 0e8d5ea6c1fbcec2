import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { SignatureCheckPage } from './pages/signature-check-page';
import { TransactionsPage } from './pages/transactions-page';
import { dumpIndexedDb, setUpAsManager } from './helpers';

/**
 * 校验签名 end to end (issue 14, PRODUCT problem 2), in training on the browser host: a signed
 * sale verifies; the Training tool damages its stored amount; Verify names the field with the
 * signed and the stored amount; a reprint shows the failure before printing and is recorded as
 * printed with a failing check; the remedies (登记并说明, re-sign now) are recorded, linked to
 * the sale and audited, and the re-signature verifies.
 */
test('a signed sale verifies; a damaged amount is named by Verify, shown before a reprint, and remedied with linked, audited records', async ({ console: c }) => {
  // Two sales' worth of screens on a loaded two-core machine.
  test.setTimeout(150_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.approvedSale('1250');
  await counter.next();
  await counter.signAndConfirm();
  await expect(counter.done()).toHaveAttribute('data-signature', 'signed');

  // The sale as signed verifies.
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  const check = new SignatureCheckPage(c.page);
  await list.open(0);
  await check.verify();
  await expect(check.summary()).toHaveAttribute('data-ok', 'true');
  await expect(check.items()).toHaveCount(1);
  await expect(check.item('original')).toHaveAttribute('data-ok', 'true');
  await expect(check.item('original')).toContainText(/特征码 [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
  await list.close();

  // Training: the stored amount changes, the signature record does not.
  await app.goTo('training');
  await check.damage('99.00');
  await expect(check.damageResult()).toHaveAttribute('data-ok', 'true');
  await expect(check.damageResult()).toContainText('￥12.50');
  await expect(check.damageResult()).toContainText('￥99.00');

  // Verify names the field, with the signed and the stored value, and the remedies.
  await app.goTo('transactions');
  await list.open(0);
  await check.verify();
  await expect(check.summary()).toHaveAttribute('data-ok', 'false');
  await expect(check.problems()).toHaveCount(1);
  await expect(check.problems().first()).toHaveAttribute('data-code', 'data-changed');
  await expect(check.fieldLines()).toHaveText(['金额：签名时 ￥12.50，现存 ￥99.00']);
  await expect(check.remedy('re-sign')).toBeVisible();
  await expect(check.remedy('register-explanation')).toBeVisible();
  await check.panel().scrollIntoViewIfNeeded();
  await check.panel().screenshot({ path: 'test-results/screens/signature-verify-failed-zh-CN.png' });

  // A reprint checks first: the failure is shown before anything prints; printing anyway is recorded.
  const jobsBefore = await list.receiptJobs().count();
  await list.reprint('merchant');
  await expect(check.reprintWarning()).toBeVisible();
  await expect(check.reprintWarning()).toContainText('签名后交易数据被改动');
  await expect(check.reprintWarning()).toContainText('金额：签名时 ￥12.50，现存 ￥99.00');
  expect(await list.receiptJobs().count()).toBe(jobsBefore);
  await c.page.screenshot({ path: 'test-results/screens/signature-verify-reprint-zh-CN.png' });
  await c.page.getByTestId('reprint-check-print').click();
  await expect(list.receiptJobs()).toHaveCount(jobsBefore + 1);
  await expect.poll(async () => (await dumpIndexedDb(c.page)).includes('"signatureCheck":"failed","problems":["data-changed"]')).toBe(true);

  // Remedy 1: 登记并说明, linked to the failing signature; the sale stays signed.
  await check.remedy('register-explanation').click();
  await check.panel().getByTestId('remedy-reason').fill('金额在练习中被改动，已告知顾客');
  await check.saveRemedy();
  await expect(check.saved()).toBeVisible();
  await expect(check.recorded()).toHaveCount(1);
  await expect(check.recorded().first()).toHaveAttribute('data-remedy', 'register-explanation');
  await expect(list.detail()).toHaveAttribute('data-signature', 'signed');
  await expect(c.page.locator('[data-testid="signature-record"][data-kind="exception"]')).toContainText('金额在练习中被改动');

  // Remedy 2: re-sign now (the supplementary capture), which verifies against the sale as stored now.
  await check.remedy('re-sign').click();
  await counter.sign('remedy-canvas');
  await check.saveRemedy();
  await expect(check.items()).toHaveCount(2);
  await expect(check.item('supplementary')).toHaveAttribute('data-ok', 'true');
  await expect(check.item('original')).toHaveAttribute('data-ok', 'false');
  await expect(check.recorded()).toHaveCount(2);
  await expect(c.page.locator('[data-testid="signature-record"][data-kind="supplementary"]')).toBeVisible();
  const db = await dumpIndexedDb(c.page);
  expect(db).toContain('"action":"sale.signature-check-explained"');
  expect(db).toMatch(/"action":"sale\.supplementary-signature"[^}]*"remedy":"re-sign"/);
  expect(db).toContain('"action":"training.signed-field-damaged"');

  // Each supplementary signature has its own Verify.
  await c.page.locator('[data-testid="signature-record"][data-kind="supplementary"]').getByTestId('signature-record-verify').click();
  await expect(check.items()).toHaveCount(1);
  await expect(check.item('supplementary')).toHaveAttribute('data-ok', 'true');

  // The same panel in English.
  await list.close();
  await c.page.getByTestId('language-toggle').click();
  await list.open(0);
  await check.verify();
  await expect(check.fieldLines()).toHaveText(['Amount: signed ￥12.50, stored now ￥99.00']);
  // Tall enough for the whole panel (both signatures and the remedies recorded) in one picture.
  await c.page.setViewportSize({ width: 1280, height: 1600 });
  await check.panel().scrollIntoViewIfNeeded();
  await check.panel().screenshot({ path: 'test-results/screens/signature-verify-failed-en.png' });
});
