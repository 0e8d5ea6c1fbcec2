import { buildExplanationSlip, buildLookupSlip } from '../../../../shared/domain/cases/case-slips';
import type { SlipSale, SlipShop } from '../../../../shared/domain/cases/case-slips';
import { idTail } from '../../../../shared/domain/ids';
import type { Settings } from '../../../../shared/domain/settings';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { DisputeCaseRecord, SaleRecord } from '../../data/records';
import { printReceipt } from '../print-receipt';
import type { PrintOutcomeView } from '../print-receipt';

/**
 * The case's slips on the receipt printer, through the print journal like every receipt (a document
 * that is not a sale's copy: the journal's `report` copy, no sale id).
 */
export interface CasePrintDeps {
  db: CountersignDb;
  api: Pick<CountersignApi, 'invoke'>;
  settings: () => Settings;
  now: () => number;
}

const shopOf = (s: Settings, printedAt: number): SlipShop => ({
  shopName: s.shop.name,
  merchantId: s.shop.merchantId,
  terminalId: s.shop.terminalId,
  paper: s.printer.paperWidth,
  dotsPerLine: s.printer.dotsPerLine,
  language: s.cases.slipLanguage,
  timeZone: s.general.timeZone,
  printedAt,
});

const recordOf = (sale: SaleRecord, linked: SaleRecord[]): SlipSale['record'] => {
  if (sale.state === 'reversed') return 'reversed';
  if (sale.state === 'voided') return 'voided';
  if (linked.some((l) => l.originalSaleId === sale.id && l.kind === 'refund' && l.state === 'approved')) return 'refunded';
  return sale.state === 'approved' ? 'approved' : 'failed';
};

export const explanationMarkup = (s: Settings, at: number, c: DisputeCaseRecord, sales: SaleRecord[], linked: SaleRecord[], host: Map<string, SlipSale['host']>): string =>
  buildExplanationSlip(shopOf(s, at), {
    caseNo: idTail(c.id),
    type: c.type,
    sales: sales.map((sale) => ({ time: sale.createdAt, amountFen: sale.amountFen, last4: sale.last4, authCode: sale.authCode, rrn: sale.rrn, record: recordOf(sale, linked), host: host.get(sale.id) ?? null })),
  });

export const printSlip = (deps: CasePrintDeps, operatorId: string, markup: (at: number) => string): Promise<PrintOutcomeView> =>
  printReceipt(
    { db: deps.db, print: (r) => deps.api.invoke('printer:print', { ...r, copy: 'report' }), now: deps.now },
    { saleId: null, copy: 'report', operatorId, printer: deps.settings().printer.transport, reprint: 0, markup: (_reprint, at) => markup(at) },
  );

export const lookupMarkup = (s: Settings, at: number, q: { at: number; amountFen: number; last4: string }): string => buildLookupSlip(shopOf(s, at), q);
