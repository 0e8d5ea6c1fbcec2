import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import { CountersignDb } from '../../renderer/src/data/db';
import type { SaleRecord } from '../../renderer/src/data/records';
import { saleRecord } from '../../renderer/src/data/sale-fixture';
import { exportRange } from '../../renderer/src/services/recon/export-service';
import { ImportService } from '../../renderer/src/services/recon/import-service';
import { ReconcileService } from '../../renderer/src/services/recon/reconcile-service';
import type { SettlementLine } from './layouts';

/**
 * The reconciliation services over fake-indexeddb with the committed fixtures: the console holds
 * the sales the scenario rang up; the three files are imported; the match finds each kind of
 * mismatch; resolving and locking work; the same file twice and a broken file change nothing.
 */
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settlement', name)));
const scenario = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settlement', 'scenario.json'), 'utf8')) as { batch1: SettlementLine[]; batch2: SettlementLine[] };
const NOW = Date.UTC(2026, 10, 24, 6);

/** The console's records as the training host left them (before the files' deliberate differences). */
const consoleSales = (): SaleRecord[] => {
  const lines = [...scenario.batch1, ...scenario.batch2.slice(1, -1)];
  const sales = lines.map((l) => saleRecord({ id: uuidv7(l.at), kind: l.kind, createdAt: l.at, amountFen: l.amountFen, state: 'approved', batch: l.batch, stan: l.trace, rrn: l.rrn, authCode: l.auth, last4: l.last4 }));
  const two = sales.find((s) => s.rrn === '000001000002');
  if (two) two.amountFen = 8_800; // the acquirer printed 80.00
  // Sale 6 (66.60) the acquirer left out of its file.
  sales.push(saleRecord({ id: uuidv7(Date.UTC(2026, 10, 23, 2, 30)), createdAt: Date.UTC(2026, 10, 23, 2, 30), amountFen: 6_660, state: 'approved', batch: '000001', stan: '000006', rrn: '000001000006', last4: '1555' }));
  return sales;
};

const setup = async () => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  await db.sales.bulkAdd(consoleSales());
  const imports = new ImportService(db, () => NOW);
  const recon = new ReconcileService(db, { terminalId: () => '10000001', linkId: () => 'link-test', invoke: () => Promise.resolve({ ok: true as const, value: { outcome: 'not-found' } }), now: () => NOW });
  await recon.setOptions({ feeRateBp: 60, depositBy: 'batch' });
  const load = async (name: string) => {
    await imports.open({ name, bytes: fixture(name) });
    const snap = imports.getSnapshot();
    if (snap.phase === 'preview') await imports.confirm('op-1');
    return imports.getSnapshot();
  };
  return { db, imports, recon, load };
};

describe('reconciliation services', () => {
  it('imports the three layouts and finds every kind of mismatch with its reason', async () => {
    const { recon, load } = await setup();
    expect((await load('unionpay-fixed-width.txt')).result).toEqual({ rows: 7, added: 7, skipped: 0 });
    expect((await load('acquirer-gbk.csv')).result).toEqual({ rows: 5, added: 5, skipped: 0 });
    expect((await load('bank-utf8-bom.csv')).result).toEqual({ rows: 3, added: 3, skipped: 0 });
    await recon.run('2026-11-23', '2026-11-23');
    const s = recon.getSnapshot();
    expect(s.counts).toMatchObject({ matched: 8, 'amount-differs': 1, 'fee-differs': 1, 'missing-at-acquirer': 1, 'missing-in-console': 1, duplicated: 1, 'deposit-different': 1, 'deposit-missing': 1 });
    expect(s.queue.map((q) => q.kind).sort()).toEqual(['amount-differs', 'deposit-different', 'deposit-missing', 'duplicated', 'fee-differs', 'missing-at-acquirer', 'missing-in-console']);
    const dep = s.queue.find((q) => q.kind === 'deposit-different');
    expect([dep?.amountFen, dep?.otherFen, dep?.bank?.memo]).toEqual([59_485, 59_385, 'POS清算款 批次000001']);
    expect(s.queue.find((q) => q.kind === 'missing-at-acquirer')?.nextSteps).toEqual(['inquiry', 'dispute', 'note']);
  });

  it('the same file twice adds nothing; the same statement as a workbook adds no row', async () => {
    const { db, imports, load } = await setup();
    await load('bank-utf8-bom.csv');
    const before = await db.reconRows.count();
    await imports.open({ name: 'again.csv', bytes: fixture('bank-utf8-bom.csv') });
    expect(imports.getSnapshot()).toMatchObject({ phase: 'failed', error: { code: 'already-imported' } });
    expect((await load('bank-statement.xlsx')).result).toEqual({ rows: 3, added: 0, skipped: 3 });
    expect(await db.reconRows.count()).toBe(before);
  });

  it('a broken file changes nothing and says where', async () => {
    const { db, imports } = await setup();
    const audit = await db.audit.count();
    for (const [name, code, row] of [
      ['truncated-gbk.csv', 'truncated-character', 10],
      ['total-mismatch.csv', 'total-mismatch', 9],
    ] as const) {
      await imports.open({ name, bytes: fixture(name) });
      expect(imports.getSnapshot().error).toMatchObject({ code, row });
    }
    await imports.open({ name: 'wrong-column.csv', bytes: fixture('wrong-column.csv') });
    expect(imports.getSnapshot().preview?.errors).toBe(5);
    await imports.confirm('op-1');
    expect(imports.getSnapshot().phase).toBe('preview');
    expect([await db.reconRows.count(), await db.reconImports.count(), await db.reconSources.count(), await db.audit.count()]).toEqual([0, 0, 0, audit]);
  });

  it('a saved mapping is reused for the next file with the same headings', async () => {
    const { imports, load } = await setup();
    await imports.open({ name: 'a.txt', bytes: fixture('unionpay-fixed-width.txt') });
    imports.setSourceName('银联商务');
    await imports.confirm('op-1');
    await imports.open({ name: 'b.csv', bytes: fixture('acquirer-utf16be-nobom.csv') });
    expect(imports.getSnapshot().preview?.mapping).toBe('guessed');
    await imports.confirm('op-1');
    const again = await load('acquirer-gbk.csv');
    expect(again.source?.profile.signature).toBe(again.preview?.profile.signature);
    expect(again.preview?.mapping).toBe('saved');
  });

  it('resolves one mismatch by a note and one by a dispute case, then locks the day only when none is open', async () => {
    const { db, recon, load } = await setup();
    await load('unionpay-fixed-width.txt');
    await load('acquirer-gbk.csv');
    await load('bank-utf8-bom.csv');
    await recon.run('2026-11-23', '2026-11-23');
    const byKind = (k: string) => recon.getSnapshot().queue.find((q) => q.kind === k)!;
    await recon.explain(byKind('fee-differs').key, '收单行本月手续费调整', 'op-1', 'mgr-1');
    await recon.disputeCase(byKind('duplicated').key, '重复扣款，已联系收单行', 'op-1', 'mgr-1');
    expect(await recon.inquire(byKind('missing-at-acquirer').key, 'op-1')).toBe('not-found');
    const s = recon.getSnapshot();
    expect(s.queue.filter((q) => q.resolved).map((q) => q.kind).sort()).toEqual(['duplicated', 'fee-differs']);
    const intent = (await db.reconExplanations.toArray()).find((e) => e.kind === 'dispute-case');
    expect(intent).toMatchObject({ caseType: 'duplicate-charge', caseId: null, approvedBy: 'mgr-1' });
    expect(await recon.lock('2026-11-23', 'op-1', 'mgr-1')).toBe(false);
    expect(recon.getSnapshot().error).toMatchObject({ code: 'day-open' });
    for (const q of recon.getSnapshot().queue.filter((x) => !x.resolved)) await recon.explain(q.key, 'checked with the acquirer', 'op-1', 'mgr-1');
    expect(await recon.lock('2026-11-23', 'op-1', 'mgr-1')).toBe(true);
    // A locked day keeps its results and takes no new rows.
    const kept = (await db.reconResults.toArray()).length;
    await recon.run('2026-11-23', '2026-11-23');
    expect((await db.reconResults.toArray()).length).toBe(kept);
    const actions = (await db.audit.toArray()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('recon.'))).toEqual(expect.arrayContaining(['recon.import', 'recon.note', 'recon.dispute-case', 'recon.inquiry', 'recon.lock-day']));
  });

  it('exports transactions and results as CSV and XLSX with formulas escaped, and audits it', async () => {
    const { db, imports, recon } = await setup();
    await imports.open({ name: 'f.csv', bytes: fixture('formula-text.csv') });
    await imports.confirm('op-1');
    await db.sales.put(saleRecord({ id: uuidv7(Date.UTC(2026, 10, 23, 3)), createdAt: Date.UTC(2026, 10, 23, 3), amountFen: 100, note: '=cmd|"/c calc"!A1' }));
    await recon.run('2026-11-23', '2026-11-24');
    const t = (k: string) => k;
    const csv = await exportRange(db, { from: '2026-11-23', to: '2026-11-24', format: 'csv', operatorId: 'op-1', approvedBy: 'mgr-1' }, t);
    const tx = await csv[0]!.blob.text();
    expect(tx).toContain(`"'=cmd|""/c calc""!A1"`);
    expect([...new Uint8Array(await csv[1]!.blob.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const results = await csv[1]!.blob.text();
    expect(results.split('\r\n')[0]).toBe('column.day,column.result,column.consoleAmount,column.otherAmount,column.fee,column.expectedFee,column.rrn,column.trace,column.last4,column.fileRow,column.memo,column.group,column.resolution');
    const [xlsx] = await exportRange(db, { from: '2026-11-23', to: '2026-11-24', format: 'xlsx', operatorId: 'op-1', approvedBy: 'mgr-1' }, t);
    const sheets = await readXlsxFile(await xlsx!.blob.arrayBuffer());
    expect(sheets.map((s) => s.sheet)).toEqual(['sheet.transactions', 'sheet.results']);
    expect(JSON.stringify(sheets[0]?.data)).toContain("'=cmd");
    expect((await db.audit.toArray()).filter((a) => a.action === 'recon.export')).toHaveLength(2);
  });
});
