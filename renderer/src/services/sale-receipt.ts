import { buildReceipt } from '../../../shared/domain/receipt';
import type { OriginalSale, ReceiptSignature } from '../../../shared/domain/receipt';
import { featureCode } from '../../../shared/domain/sale/digest';
import { QUEUED } from '../../../shared/domain/sale/sale-state';
import type { Settings } from '../../../shared/domain/settings';
import type { SaleCopy, SaleRecord, SignatureRecord } from '../data/records';

/**
 * A sale's receipt markup, from the stored record only (PRODUCT problem 4): the same input
 * gives the same slip, so a reprint is the original plus its REPRINT n stamp.
 */
export interface SaleReceiptInput {
  sale: SaleRecord;
  signatures: SignatureRecord[];
  operatorName: string;
  settings: Pick<Settings, 'shop' | 'printer' | 'general'>;
  copy: SaleCopy;
  reprint: number;
  /** When this copy is printed (a reprint prints it beside the sale's own time). */
  printedAt: number;
  /** For a supplementary-signature slip: when the customer signed it. */
  supplementaryTime?: number | null;
  /** For a void or refund: the sale it reverses, cited on the slip. */
  original?: SaleRecord | null;
}

const signatureOf = (signatures: SignatureRecord[], copy: SaleCopy): ReceiptSignature => {
  const original = signatures.find((s) => s.kind === 'original');
  if (copy === 'supplementary') {
    const supplementary = [...signatures].reverse().find((s) => s.kind === 'supplementary');
    return supplementary ? { kind: 'strokes', strokes: supplementary.strokes } : { kind: 'none' };
  }
  if (original && original.strokes.length > 0) return { kind: 'strokes', strokes: original.strokes };
  const exemption = signatures.find((s) => s.kind === 'exemption');
  if (exemption) return { kind: 'exempt', reason: exemption.reason.slice(0, 120) };
  return { kind: 'none' };
};

const originalOf = (original: SaleRecord | null | undefined): OriginalSale | null =>
  original
    ? { time: original.createdAt, amountFen: original.amountFen, batch: original.batch, stan: original.stan, authCode: original.authCode, rrn: original.rrn }
    : null;

export const saleReceiptMarkup = (input: SaleReceiptInput): string => {
  const { sale, settings } = input;
  const digest = [...input.signatures].reverse().find((s) => s.digest)?.digest ?? null;
  return buildReceipt({
    timeZone: settings.general.timeZone,
    shopName: settings.shop.name,
    shopAddress: settings.shop.address,
    merchantId: settings.shop.merchantId,
    terminalId: settings.shop.terminalId,
    operator: input.operatorName.slice(0, 40),
    time: sale.createdAt,
    brand: sale.card?.brand ?? 'unknown',
    last4: sale.last4 || '0000',
    entryMode: sale.card?.entryMode ?? 'swipe',
    saleType: sale.kind,
    amountFen: sale.amountFen,
    authCode: sale.authCode,
    rrn: sale.rrn,
    batch: sale.batch,
    stan: sale.stan,
    signature: signatureOf(input.signatures, input.copy),
    featureCode: digest ? featureCode(digest) : null,
    qr: sale.rrn ?? sale.id,
    copy: input.copy,
    reprint: input.reprint > 0 ? { n: input.reprint, at: input.printedAt } : null,
    // Accepted offline and not answered by its host yet (queued or being forwarded).
    offline: QUEUED.includes(sale.state),
    original: sale.kind === 'sale' ? null : originalOf(input.original),
    supplementaryTime: input.supplementaryTime ?? null,
    language: 'bilingual',
    footer: settings.shop.receiptFooter,
    paper: settings.printer.paperWidth,
    dotsPerLine: settings.printer.dotsPerLine,
  });
};
