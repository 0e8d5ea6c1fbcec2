import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { dispatch, setUpAsManager } from './helpers';
import { bundleNames, keep, sentinelHits, tamperedCopy, verifyWithCli } from './evidence-bundles';
import { CounterPage } from './pages/counter-page';
import { EvidencePage } from './pages/evidence-page';
import { TransactionsPage } from './pages/transactions-page';

/**
 * Evidence bundles from the browser host in training (issue 14). Every export is saved to
 * test-results/evidence/<name>.zip for the independent verifier, checked with the project's
 * verifier CLI against this device's key, and searched for the sentinel card the sales were
 * paid with (RULES 1, 14: it never appears).
 */
const fingerprintOf = async (c: ConsoleFixture): Promise<string> => {
  const identity = (await dispatch(c, 'device:identity', {})) as { ok: true; value: { fingerprint: string } };
  return identity.value.fingerprint;
};

const signedSale = async (counter: CounterPage, digits: string): Promise<void> => {
  await counter.approvedSale(digits);
  await counter.next();
  await counter.signAndConfirm();
  await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
  await counter.next();
};

/** The bundle verifies (exit 0) with this device's key, and the sentinel PAN is nowhere in it. */
const expectGoodBundle = async (path: string, fingerprint: string): Promise<void> => {
  const cli = await verifyWithCli(path, fingerprint);
  expect(cli.lines.filter((l) => /^[A-Z_]+ /.test(l))).toEqual([]);
  expect(cli.code).toBe(0);
  expect(await sentinelHits(path)).toEqual([]);
};

test('a signed sale exported from its detail verifies with the device key; the verify screen shows it OK and a copy with one byte flipped as DIGEST_MISMATCH', async ({ console: c }) => {
  test.setTimeout(180_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await signedSale(counter, '12345');
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  const evidence = new EvidencePage(c.page);
  await list.open(0);
  const download = await evidence.exportAndDownload(() => evidence.exportSaleButton().click());
  const fingerprint = await fingerprintOf(c);
  await expect(evidence.fingerprint()).toHaveText(fingerprint);
  await c.page.screenshot({ path: 'test-results/screens/evidence-export-done-zh-CN.png' });
  const path = await keep(download, 'signed-sale');
  await expectGoodBundle(path, fingerprint);
  const names = await bundleNames(path);
  expect(names.filter((n) => n.startsWith('data/signatures/'))).toHaveLength(2);
  expect(names).toEqual(expect.arrayContaining(['data/report.zh-CN.pdf', 'data/report.en.pdf', 'data/audit/excerpt.json', 'device-key.pem', 'evidence.dsse.json']));
  await evidence.closeDialog();
  await list.close();

  await app.goTo('verify');
  await evidence.verify(path);
  await expect(evidence.verdict()).toHaveAttribute('data-ok', 'true');
  for (const code of ['BAG_INVALID', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID', 'UNKNOWN_KEY', 'CHECKPOINT_INVALID', 'AUDIT_CHAIN_BROKEN', 'SIGNATURE_DIGEST_MISMATCH', 'PAN_FOUND']) {
    await expect(evidence.check(code)).toHaveAttribute('data-ok', 'true');
  }
  await evidence.check('PAN_FOUND').scrollIntoViewIfNeeded();
  await c.page.screenshot({ path: 'test-results/screens/evidence-verify-ok-zh-CN.png' });

  const tampered = await tamperedCopy(path, 'signed-sale-one-byte');
  await evidence.verify(tampered.path);
  await expect(evidence.verdict()).toHaveAttribute('data-ok', 'false');
  await expect(evidence.check('DIGEST_MISMATCH')).toHaveAttribute('data-ok', 'false');
  await expect(evidence.failures('DIGEST_MISMATCH').first()).toContainText(tampered.file);
  await evidence.check('PAN_FOUND').scrollIntoViewIfNeeded();
  await c.page.screenshot({ path: 'test-results/screens/evidence-verify-tampered-zh-CN.png' });
});

test('a sale with a supplementary signature and a reprint is exported with both (English screens)', async ({ console: c }) => {
  test.setTimeout(180_000);
  const app = await setUpAsManager(c);
  await app.switchLanguage();
  const counter = new CounterPage(c.page);
  await counter.approvedSale('2300');
  await counter.next();
  await c.page.getByTestId('signature-declined').click();
  await c.page.getByTestId('unsigned-finish').click();
  await expect(counter.done()).toHaveAttribute('data-signature', 'unsigned');
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await list.open(0);
  await c.page.getByTestId('follow-up-capture').click();
  await counter.sign('follow-up-canvas');
  await c.page.getByTestId('follow-up-save').click();
  await expect(list.detail()).toHaveAttribute('data-signature', 'signed');
  await list.reprint('merchant');
  await expect(c.page.locator('[data-testid="receipt-job"][data-reprint="1"]')).toHaveCount(1);

  const evidence = new EvidencePage(c.page);
  const download = await evidence.exportAndDownload(() => evidence.exportSaleButton().click());
  await c.page.screenshot({ path: 'test-results/screens/evidence-export-done-en.png' });
  const path = await keep(download, 'supplementary-and-reprint');
  const fingerprint = await fingerprintOf(c);
  await expectGoodBundle(path, fingerprint);
  const names = await bundleNames(path);
  expect(names.filter((n) => /^data\/signatures\/.+\.json$/.test(n))).toHaveLength(1);
  expect(names.some((n) => /^data\/receipts\/.+-merchant-reprint-1\.png$/.test(n))).toBe(true);
  expect(names.some((n) => /^data\/receipts\/.+-merchant\.escpos$/.test(n))).toBe(true);
  await evidence.closeDialog();
  await list.close();

  await app.goTo('verify');
  await evidence.verify(path);
  await expect(evidence.verdict()).toHaveAttribute('data-ok', 'true');
  await evidence.check('PAN_FOUND').scrollIntoViewIfNeeded();
  await c.page.screenshot({ path: 'test-results/screens/evidence-verify-ok-en.png' });
});

test("a day's sales are exported from the transactions list, and a 调单 list exports the sales it matched", async ({ console: c }) => {
  test.setTimeout(240_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await signedSale(counter, '1100');
  await signedSale(counter, '2200');
  await signedSale(counter, '3300');
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await expect(list.rows()).toHaveCount(3);
  const evidence = new EvidencePage(c.page);
  const fingerprint = await fingerprintOf(c);

  const day = await evidence.exportAndDownload(async () => {
    await evidence.exportDay();
    // The dialog opens at once with its bar (preparing, then writing n of m).
    await expect(evidence.dialog()).toBeVisible();
    await c.page.screenshot({ path: 'test-results/screens/evidence-export-progress-zh-CN.png' });
  });
  await expect(c.page.getByTestId('evidence-sales')).toHaveText('3');
  await c.page.screenshot({ path: 'test-results/screens/evidence-export-day-zh-CN.png' });
  const dayPath = await keep(day, 'day');
  await expectGoodBundle(dayPath, fingerprint);
  expect((await bundleNames(dayPath)).filter((n) => n.startsWith('data/sales/'))).toHaveLength(3);
  await evidence.closeDialog();

  // The bank names two of the sales by RRN, and one reference this shop never had.
  const rrns: string[] = [];
  for (const i of [0, 2]) {
    await list.open(i);
    rrns.push(((await list.field('rrn').textContent()) ?? '').replace(/\D+/g, '').slice(-12));
    await list.close();
  }
  await evidence.matchTdl([...rrns, '999999999999']);
  await expect(evidence.tdlResult()).toHaveAttribute('data-matched', '2');
  await expect(evidence.tdlResult()).toHaveAttribute('data-unmatched', '1');
  await expect(c.page.getByTestId('evidence-tdl-unmatched')).toHaveText('999999999999');
  await c.page.screenshot({ path: 'test-results/screens/evidence-tdl-match-zh-CN.png' });
  const tdl = await evidence.exportAndDownload(() => evidence.exportTdl());
  const tdlPath = await keep(tdl, 'tdl-list');
  await expectGoodBundle(tdlPath, fingerprint);
  expect((await bundleNames(tdlPath)).filter((n) => n.startsWith('data/sales/'))).toHaveLength(2);
});
