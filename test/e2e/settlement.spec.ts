import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { SettlementPage } from './pages/settlement-page';
import { MANAGER, dispatch, setUpAsManager } from './helpers';
import { getAcquirerLink } from '../../electron/acquirer/acquirer-module';
import type { SimulatedAcquirer } from '../../electron/acquirer/simulated-acquirer';
import { acquirerCsvGbk, bankCsvUtf8Bom, unionPayFixedWidth } from '../settlement-files/layouts';
import { BATCH_1, BATCH_2, bankLines, batch1File, batch2File } from '../settlement-files/scenario';
import type { ConsoleLine, RungSale } from '../settlement-files/scenario';
import { dayOf } from '../../shared/domain/reconciliation/values';
import { HostSimulator } from '../host-sim/host-sim';

/**
 * The day closes and the three records agree (issue 16), through the browser host in training
 * mode: ring up the scenario's sales (a void, a refund, a decline, an unsigned sale, a foreign
 * card), close batch 1 (balanced) and batch 2 (unbalanced: the batch upload), print and reprint
 * the settlement slip, write the acquirer's and the bank's files in the three layouts from the
 * records just made (test/settlement-files), import them, see every kind of mismatch with its
 * reason, resolve one by a dispute case and one by a note, lock the day, and check that the same
 * file twice and a broken file change nothing. Exports are downloaded and read back.
 */
const simulator = (c: ConsoleFixture) => getAcquirerLink(c.host.core.context) as SimulatedAcquirer;
const virtualReceipts = async (c: ConsoleFixture): Promise<string[]> => ((await dispatch(c, 'printer:virtual-receipts', { limit: 10 })) as { value: { receipts: Array<{ text: string }> } }).value.receipts.map((r) => r.text);

interface StoredSale {
  id: string;
  kind: 'sale' | 'void' | 'refund';
  state: string;
  createdAt: number;
  amountFen: number;
  batch: string | null;
  stan: string | null;
  rrn: string | null;
  authCode: string | null;
  last4: string;
  originalSaleId: string | null;
  card: { brand: string } | null;
}

const storedSales = (c: ConsoleFixture): Promise<StoredSale[]> =>
  c.page.evaluate(
    () =>
      new Promise<StoredSale[]>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(new Error('no database'));
        open.onsuccess = () => {
          const req = open.result.transaction('sales', 'readonly').objectStore('sales').getAll();
          req.onsuccess = () => resolve((req.result as StoredSale[]).sort((a, b) => a.createdAt - b.createdAt));
          req.onerror = () => reject(new Error('no sales'));
        };
      }),
  );

const backToAmount = async (c: ConsoleFixture, counter: CounterPage): Promise<void> => {
  while ((await counter.root().getAttribute('data-step')) !== 'amount') await counter.next();
};

/** Rings up a batch as the scenario says: sales first (in order), then the voids and refunds from the transactions list. */
const ring = async (c: ConsoleFixture, sales: readonly RungSale[], opts: { visaAt?: number; unsignedAt?: number } = {}): Promise<void> => {
  const counter = new CounterPage(c.page);
  for (const [i, s] of sales.entries()) {
    await c.page.getByTestId('nav-counter').click();
    await dispatch(c, 'settings:set', { patch: { signature: { rule: i === opts.unsignedAt ? 'always' : 'never' } } });
    await backToAmount(c, counter);
    await counter.typeAmount(String(s.amountFen));
    await counter.charge();
    await counter.swipe(i === opts.visaAt ? 'visa' : 'unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', s.declined ? 'declined' : 'approved', { timeout: 20_000 });
    if (i === opts.unsignedAt) {
      await counter.next();
      await c.page.getByTestId('signature-declined').click();
      await c.page.getByTestId('unsigned-finish').click();
      await expect(counter.done()).toHaveAttribute('data-signature', 'unsigned');
    }
  }
  for (const s of sales) {
    if (!s.then) continue;
    await c.page.getByTestId('nav-transactions').click();
    await c.page.getByTestId('filter-all').click();
    await c.page.getByTestId('sale-row').filter({ hasText: (s.amountFen / 100).toFixed(2) }).first().click();
    await expect(c.page.getByTestId('sale-detail')).toBeVisible();
    if ('void' in s.then) {
      await c.page.getByTestId('detail-void').click();
    } else {
      await c.page.getByTestId('detail-refund').click();
      await c.page.getByTestId('refund-amount').fill((s.then.refundFen / 100).toFixed(2));
    }
    await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
    await c.page.getByTestId('reverse-submit').click();
    await expect(c.page.getByTestId('linked-record').last()).toHaveAttribute('data-state', 'approved', { timeout: 20_000 });
    await c.page.locator('.MuiDrawer-root').getByRole('button', { name: '关闭' }).first().click();
    await expect(c.page.getByTestId('sale-detail')).toHaveCount(0);
  }
};

/** The console's records of a batch as the files' writers take them (the void/refund share their sale's index). */
const consoleLines = (sales: readonly StoredSale[], batch: string, merchant: string, terminal: string): ConsoleLine[] => {
  const charged = sales.filter((s) => s.batch === batch && (s.state === 'approved' || s.state === 'voided'));
  const saleIndex = new Map(sales.filter((s) => s.batch === batch && s.kind === 'sale' && s.state !== 'cancelled').map((s, i) => [s.id, i]));
  return charged.map((s) => ({
    index: saleIndex.get(s.kind === 'sale' ? s.id : (s.originalSaleId ?? '')) ?? -1,
    at: s.createdAt,
    kind: s.kind,
    amountFen: s.amountFen,
    terminal,
    merchant,
    batch,
    trace: s.stan ?? '',
    rrn: s.rrn ?? '',
    auth: s.authCode ?? '',
    last4: s.last4,
    bin: s.card?.brand === 'visa' ? '411111' : '621234',
  }));
};

test.setTimeout(420_000);

test('end of day to three-way match: settle (balanced, and unbalanced with the upload), print the slip, import each layout, every mismatch with its reason, resolve, lock', async ({ console: c }) => {
  await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { acquirer: { simulatedLatencyMs: 0 }, general: { idleLockMinutes: 15 } } });
  const page = new SettlementPage(c.page);
  const shop = { shopName: '示例商店', merchantId: '898100000000001', terminalId: '10000001' };

  // Batch 1: six approved sales (the second on a foreign card, the fifth unsigned), a decline, a void and a refund.
  await ring(c, BATCH_1, { visaAt: 1, unsignedAt: 4 });
  await page.open('close');
  await expect(c.page.getByTestId('open-batch')).toContainText('000001');
  await expect(c.page.getByTestId('warning-unsigned')).toBeVisible();
  await c.page.screenshot({ path: 'test-results/screens/settlement-close-zh-CN.png', fullPage: true });
  await page.closeBatch(MANAGER.pin);
  await expect(page.closeResult()).toHaveAttribute('data-outcome', 'balanced', { timeout: 30_000 });
  await expect(c.page.getByTestId('open-batch')).toContainText('000002');
  await expect(c.page.getByTestId('report-printed')).toBeVisible();
  await expect(c.page.getByTestId('batch-row-000001')).toBeVisible();
  await expect.poll(async () => (await virtualReceipts(c)).some((t) => t.includes('结算单 SETTLEMENT') && t.includes('对账平 BALANCED'))).toBe(true);
  await c.page.screenshot({ path: 'test-results/screens/settlement-closed-zh-CN.png', fullPage: true });

  // Batch 2: three sales; the training host is told to report its totals unbalanced, so the batch is uploaded.
  await ring(c, BATCH_2);
  await c.page.getByTestId('nav-training').click();
  await c.page.getByTestId('training-settle-unbalanced').locator('input').click();
  await expect(c.page.getByTestId('training-settle-unbalanced').locator('input')).toBeChecked();
  // Main applies the switch and journals it (the renderer writes no entry of its own).
  await expect.poll(() => c.host.core.context.journal.since(0, 10_000).filter((e) => e.action === 'training.settlement').map((e) => e.detail.mode)).toEqual(['unbalanced']);
  await page.open('close');
  await page.closeBatch(MANAGER.pin);
  await expect(page.closeResult()).toHaveAttribute('data-outcome', 'uploaded', { timeout: 30_000 });
  expect(simulator(c).count({ type: 'batch-upload' })).toBe(3);
  expect(simulator(c).count({ type: 'batch-upload-end' })).toBe(1);
  // Reprint batch 1's slip from the history: stamped REPRINT 1.
  await c.page.getByTestId('batch-reprint-000001').click();
  await expect.poll(async () => (await virtualReceipts(c)).some((t) => t.includes('重打印 REPRINT 1') && t.includes('000001'))).toBe(true);

  // The day's report and the shift report, on screen and on the receipt printer.
  await page.open('reports');
  await c.page.getByTestId('report-daily').click();
  await expect(c.page.getByTestId('report-shown')).toHaveAttribute('data-kind', 'daily');
  await expect(c.page.getByTestId('report-printed')).toBeVisible();
  await c.page.getByTestId('report-shift').click();
  await expect(c.page.getByTestId('report-shown')).toHaveAttribute('data-kind', 'shift');
  await expect.poll(async () => (await virtualReceipts(c)).filter((t) => t.includes('日结报表 DAILY REPORT') || t.includes('交班报表 SHIFT REPORT')).length).toBe(2);
  await c.page.screenshot({ path: 'test-results/screens/settlement-reports-zh-CN.png' });

  // The acquirer's and the bank's files, written from the records just made.
  const sales = await storedSales(c);
  const settleDay = dayOf(sales[0]!.createdAt);
  const header = { shopName: shop.shopName, merchantId: shop.merchantId, settleDay };
  const b1 = batch1File(consoleLines(sales, '000001', shop.merchantId, shop.terminalId));
  const b2 = batch2File(consoleLines(sales, '000002', shop.merchantId, shop.terminalId));
  const dir = join(c.dataDir, 'statements');
  mkdirSync(dir, { recursive: true });
  const files = {
    unionpay: join(dir, 'unionpay-merchant.txt'),
    acquirer: join(dir, 'acquirer-settlement.csv'),
    bank: join(dir, 'bank-statement.csv'),
  };
  writeFileSync(files.unionpay, unionPayFixedWidth(header, b1));
  writeFileSync(files.acquirer, acquirerCsvGbk(header, b2));
  writeFileSync(files.bank, bankCsvUtf8Bom('6222 **** **** 5678', bankLines(b1, Date.now() + 86_400_000), 1_000_000));

  await page.open('import');
  expect(await page.importFile(files.unionpay, '银联商户文件')).toBe(b1.length);
  expect(await page.importFile(files.acquirer, '收单对账 CSV')).toBe(b2.length);
  expect(await page.importFile(files.bank, '工商银行')).toBe(3);
  await c.page.screenshot({ path: 'test-results/screens/settlement-imported-zh-CN.png', fullPage: true });

  // The same file twice adds nothing; a broken file changes nothing and says where.
  await c.page.getByTestId('import-another').click();
  await page.chooseFile(files.bank);
  await expect(page.importError()).toHaveAttribute('data-code', 'already-imported');
  const fixtures = join(import.meta.dirname, '..', 'fixtures', 'settlement');
  await c.page.getByTestId('import-another').click();
  await page.chooseFile(join(fixtures, 'truncated-gbk.csv'));
  await expect(page.importError()).toHaveAttribute('data-code', 'truncated-character');
  await expect(page.importError()).toHaveAttribute('data-row', '10');
  await c.page.getByTestId('import-another').click();
  await page.chooseFile(join(fixtures, 'wrong-column.csv'));
  await expect(c.page.getByTestId('import-problem').first()).toHaveAttribute('data-code', 'amount-invalid');
  await expect(c.page.getByTestId('import-confirm')).toBeDisabled();
  await c.page.screenshot({ path: 'test-results/screens/settlement-import-problems-zh-CN.png', fullPage: true });
  await expect(c.page.getByTestId('import-history').locator('tbody tr')).toHaveCount(3);

  // The three-way match: the acquirer's rate, deposits per batch.
  await page.open('reconcile');
  await c.page.getByTestId('recon-fee-rate').fill('0.60');
  await c.page.getByTestId('recon-fee-rate').blur();
  await c.page.getByTestId('recon-deposit-by').locator('..').click();
  await c.page.getByRole('option', { name: '每批次一笔' }).click();
  await page.run(settleDay);
  for (const kind of ['missing-at-acquirer', 'missing-in-console', 'amount-differs', 'fee-differs', 'duplicated', 'deposit-missing', 'deposit-different']) {
    await expect(page.queueItem(kind), kind).toHaveCount(1);
    await expect(page.queueItem(kind).getByTestId('queue-reason'), kind).not.toBeEmpty();
  }
  await expect(c.page.getByTestId('recon-count-matched')).toHaveAttribute('data-count', '8');
  await c.page.screenshot({ path: 'test-results/screens/settlement-queue-zh-CN.png', fullPage: true });

  // Resolve one by a dispute case, one by a note; the day cannot be locked until every one is resolved.
  await page.dispute('duplicated', '重复扣款，已联系收单行', MANAGER.pin);
  await page.explain('fee-differs', '本月手续费按新费率收取', MANAGER.pin);
  await c.page.getByTestId(`recon-lock-${settleDay}`).click();
  await page.approve(MANAGER.pin);
  await expect(c.page.getByTestId('recon-error')).toHaveAttribute('data-code', 'day-open');
  for (const kind of ['missing-at-acquirer', 'missing-in-console', 'amount-differs', 'deposit-missing', 'deposit-different']) await page.explain(kind, '已核实', MANAGER.pin);
  await c.page.getByTestId(`recon-lock-${settleDay}`).click();
  await page.approve(MANAGER.pin);
  await expect(c.page.getByTestId(`recon-day-${settleDay}`)).toHaveAttribute('data-locked', 'yes');
  await c.page.screenshot({ path: 'test-results/screens/settlement-locked-zh-CN.png', fullPage: true });

  // Exports for the accountant: CSV (two files) with text escaped.
  await page.open('export');
  await c.page.getByTestId('export-format').locator('..').click();
  await c.page.getByRole('option', { name: 'CSV（两个文件）' }).click();
  const downloads: Download[] = [];
  c.page.on('download', (d) => downloads.push(d));
  await c.page.getByTestId('export-run').click();
  await page.approve(MANAGER.pin);
  await expect(c.page.getByTestId('export-done')).toBeVisible();
  await expect.poll(() => downloads.length).toBe(2);
  const saved = await Promise.all(downloads.map(async (d) => ({ name: d.suggestedFilename(), text: readFileSync((await d.path()) ?? '', 'utf8') })));
  expect(saved.map((f) => f.name).sort()).toEqual([`countersign-${settleDay}_${settleDay}-reconciliation.csv`, `countersign-${settleDay}_${settleDay}-transactions.csv`]);
  expect(saved.find((f) => f.name.endsWith('reconciliation.csv'))?.text).toContain('重复');
});

test('over ISO 8583: the host simulator settles a batch balanced (0500), and an unbalanced one after the batch upload (0320 each, then finished)', async ({ console: c }) => {
  await setUpAsManager(c);
  const sim = new HostSimulator();
  const { port } = await sim.start();
  try {
    const set = await dispatch(c, 'settings:set', { patch: { general: { trainingMode: false, idleLockMinutes: 15 }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 1000, responseTimeoutMs: 3000 }, signature: { rule: 'never' } } });
    expect(set.ok).toBe(true);
    const page = new SettlementPage(c.page);
    await ring(c, [{ amountFen: 12_345 }, { amountFen: 8_800 }], { visaAt: 1 });
    await c.page.getByTestId('language-toggle').click();
    await page.open('close');
    await page.closeBatch(MANAGER.pin);
    await expect(page.closeResult()).toHaveAttribute('data-outcome', 'balanced', { timeout: 30_000 });
    await c.page.screenshot({ path: 'test-results/screens/settlement-closed-iso-en.png' });
    expect(sim.settlement.settlements.map((s) => [s.batch, s.domestic, s.foreign, s.finished])).toEqual([['000001', 'balanced', 'balanced', true]]);
    await c.page.getByTestId('language-toggle').click();

    await ring(c, [{ amountFen: 30_000 }]);
    sim.settleNext('unbalanced');
    await page.open('close');
    await expect(c.page.getByTestId('open-batch')).toContainText('000002');
    await page.closeBatch(MANAGER.pin);
    await expect(page.closeResult()).toHaveAttribute('data-outcome', 'uploaded', { timeout: 30_000 });
    await expect(c.page.getByTestId('open-batch')).toContainText('000003');
    const second = sim.settlement.settlements[1];
    expect([second?.batch, second?.domestic, second?.finished, second?.uploads.map((u) => u.amountFen)]).toEqual(['000002', 'unbalanced', true, [30_000]]);
    expect(sim.records.filter((r) => ['settlement', 'batch-upload', 'batch-upload-end'].includes(r.kind)).map((r) => r.mti)).toEqual(['0500', '0500', '0320', '0320']);
  } finally {
    await sim.stop();
  }
});
