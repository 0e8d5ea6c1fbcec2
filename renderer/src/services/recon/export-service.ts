import { formatReceiptTime } from '../../../../shared/domain/receipt/receipt-time';
import { int, money, text, toCsv } from '../../../../shared/domain/reconciliation/spreadsheet';
import type { Sheet } from '../../../../shared/domain/reconciliation/spreadsheet';
import { wallClockToMs } from '../../../../shared/domain/reconciliation/values';
import type { CountersignDb } from '../../data/db';
import { auditExport, explanationsBetween, resultsBetween } from '../../data/recon-results-repo';
import { rowsByIds } from '../../data/recon-repo';
import { toXlsx } from './xlsx-export';
import { listOperators } from '../../data/operators-repo';
import { salesByIds, salesCreatedBetween } from '../../data/sales-repo';

/**
 * Exports for the accountant over a date range: the console's transactions and the
 * reconciliation result, as CSV (one file per table) or one XLSX with both sheets. Column
 * headings and kind names come from the screen's language (`t`); every text cell is escaped
 * against spreadsheet formulas (RULES 20), money is yuan from fen.
 */
export type Translate = (key: string) => string;

const TIME_ZONE = 'Asia/Shanghai';

export const transactionsSheet = async (db: CountersignDb, from: string, to: string, t: Translate): Promise<Sheet> => {
  const sales = await salesCreatedBetween(db, wallClockToMs(from, 0), wallClockToMs(to, 86_400));
  const names = new Map((await listOperators(db)).map((o) => [o.id, o.name]));
  return {
    name: t('sheet.transactions'),
    header: ['time', 'kind', 'state', 'amount', 'brand', 'last4', 'batch', 'trace', 'rrn', 'auth', 'operator', 'signature', 'reference', 'note'].map((k) => t(`column.${k}`)),
    rows: sales.map((s) => [
      text(formatReceiptTime(s.createdAt, TIME_ZONE)),
      text(t(`kind.${s.kind}`)),
      text(t(`state.${s.state}`)),
      money(s.kind === 'sale' ? s.amountFen : -s.amountFen),
      text(s.card?.brand ?? ''),
      text(s.last4),
      text(s.batch),
      text(s.stan),
      text(s.rrn),
      text(s.authCode),
      text(names.get(s.operatorId) ?? s.operatorId),
      text(t(`signature.${s.signatureState}`)),
      text(s.reference),
      text(s.note),
    ]),
  };
};

export const resultsSheet = async (db: CountersignDb, from: string, to: string, t: Translate): Promise<Sheet> => {
  const [results, explanations] = await Promise.all([resultsBetween(db, from, to), explanationsBetween(db, from, to)]);
  const rows = new Map((await rowsByIds(db, results.flatMap((r) => [r.rowId, r.bankId]).filter((x): x is string => x !== null))).map((r) => [r.id, r]));
  const sales = new Map((await salesByIds(db, results.map((r) => r.slipId).filter((x): x is string => x !== null))).map((s) => [s.id, s]));
  const latest = new Map<string, string>();
  for (const e of explanations) latest.set(e.itemKey, [t(`explanation.${e.kind}`), e.note, e.outcome ?? ''].filter((x) => x).join(': '));
  return {
    name: t('sheet.results'),
    header: ['day', 'result', 'consoleAmount', 'otherAmount', 'fee', 'expectedFee', 'rrn', 'trace', 'last4', 'fileRow', 'memo', 'group', 'resolution'].map((k) => t(`column.${k}`)),
    rows: results
      .sort((a, b) => (a.day === b.day ? (a.kind < b.kind ? -1 : 1) : a.day < b.day ? -1 : 1))
      .map((r) => {
        const s = r.slipId ? sales.get(r.slipId) : undefined;
        const row = r.rowId ? rows.get(r.rowId) : undefined;
        const bank = r.bankId ? rows.get(r.bankId) : undefined;
        return [
          text(r.day),
          text(t(`result.${r.kind}`)),
          money(r.slipId || r.pass === 'deposit' ? r.amountFen : null),
          money(r.otherFen ?? (row && !r.slipId ? Math.abs(row.amountFen) : null)),
          money(r.feeFen),
          money(r.expectedFeeFen),
          text(s?.rrn ?? row?.rrn ?? null),
          text(s?.stan ?? row?.trace ?? null),
          text(s?.last4 ?? row?.last4 ?? null),
          int(row?.line ?? bank?.line ?? null),
          text(bank?.memo ?? row?.memo ?? null),
          text(r.group),
          text(latest.get(r.key) ?? null),
        ];
      }),
  };
};

export interface ExportFile {
  name: string;
  blob: Blob;
}

/** CSV: one file per table; XLSX: one workbook with both. Audited with who asked and which manager approved. */
export const exportRange = async (db: CountersignDb, req: { from: string; to: string; format: 'csv' | 'xlsx'; operatorId: string; approvedBy: string }, t: Translate): Promise<ExportFile[]> => {
  const { from, to, format } = req;
  const sheets = [await transactionsSheet(db, from, to, t), await resultsSheet(db, from, to, t)];
  await auditExport(db, req.operatorId, req.approvedBy, { from, to, format, transactions: sheets[0]?.rows.length ?? 0, results: sheets[1]?.rows.length ?? 0 });
  const stem = `countersign-${from}_${to}`;
  if (format === 'xlsx') return [{ name: `${stem}.xlsx`, blob: await toXlsx(sheets) }];
  return [
    { name: `${stem}-transactions.csv`, blob: new Blob([toCsv(sheets[0] as Sheet)], { type: 'text/csv;charset=utf-8' }) },
    { name: `${stem}-reconciliation.csv`, blob: new Blob([toCsv(sheets[1] as Sheet)], { type: 'text/csv;charset=utf-8' }) },
  ];
};
