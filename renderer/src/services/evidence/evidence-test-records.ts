import { buildReceipt, encodeMonoPng, rasterizeStrokes } from '../../../../shared/domain/receipt';
import { SAMPLE_STROKES, sampleReceiptInput } from '../../../../shared/domain/receipt/receipt-fixtures';
import { featureCode, signatureDigest } from '../../../../shared/domain/sale/digest';
import type { SignedSaleFields } from '../../../../shared/domain/sale/digest';
import { toBase64 } from '../../../../shared/domain/signed-note';
import { addAttachment } from '../../data/attachments-repo';
import type { CountersignDb } from '../../data/db';
import { createJob, markResult, markSending } from '../../data/print-jobs-repo';
import type { SaleCopy, SaleRecord, SignatureKind } from '../../data/records';
import { createSale, updateSaleSteps } from '../../data/sales-repo';
import { addSignature } from '../../data/signatures-repo';
import type { NewSignature } from '../../data/signatures-repo';

/**
 * Stores sales the way the counter does (through the repositories, so every step is audited and
 * the audit tree grows), for the evidence export's tests and benchmark: card read, sent,
 * approved, signed with a signed-field snapshot, receipts printed (markup and the digest of the
 * bytes `encode` makes of it), optionally a reprint, a supplementary signature and an attachment.
 */
export const SHOP = { merchantId: '898100000000001', terminalId: '10000001' };
const OPERATOR = 'op-1';

export interface StoredSaleOptions {
  amountFen?: number;
  last4?: string;
  rrn?: string;
  reprint?: boolean;
  supplementary?: boolean;
  attachment?: Uint8Array;
  /** The printer's encoding of markup: SHA-256 hex of the bytes sent (main's encoder in tests). */
  encode: (markup: string) => string;
}

type Strokes = Array<Array<{ x: number; y: number; t: number }>>;
const STROKES: Strokes = SAMPLE_STROKES.map((stroke) => stroke.map((p, i) => ({ x: p.x, y: p.y, t: i * 16 })));

const pngDataUrl = (strokes: Strokes): string => `data:image/png;base64,${toBase64(encodeMonoPng(rasterizeStrokes(strokes, { maxWidth: 240, maxHeight: 80 })))}`;

const print = async (db: CountersignDb, sale: SaleRecord, copy: SaleCopy, reprint: number, code: string, encode: (markup: string) => string): Promise<void> => {
  const markup = buildReceipt(sampleReceiptInput({ copy: copy === 'customer' ? 'customer' : 'merchant', reprint: reprint > 0 ? { n: reprint, at: Date.now() } : null, featureCode: code, amountFen: sale.amountFen, last4: sale.last4, rrn: sale.rrn ?? '', qr: sale.id }));
  const job = await createJob(db, { saleId: sale.id, copy, reprint, printer: 'virtual', operatorId: OPERATOR });
  await markSending(db, job.id, Date.now(), markup);
  await markResult(db, job.id, { state: 'confirmed', failure: null, bytesSha256: encode(markup), byteCount: markup.length, printer: 'virtual' });
};

const sign = async (db: CountersignDb, sale: SaleRecord, kind: SignatureKind, strokes: Strokes): Promise<string> => {
  const fields: SignedSaleFields = { saleId: sale.id, kind: sale.kind, amountFen: sale.amountFen, last4: sale.last4, brand: sale.card?.brand ?? 'unknown', merchantId: SHOP.merchantId, terminalId: SHOP.terminalId, authCode: sale.authCode, rrn: sale.rrn, stan: sale.stan, batch: sale.batch, createdAt: sale.createdAt };
  const digest = signatureDigest(fields, strokes);
  const input = { saleId: sale.id, kind, operatorId: OPERATOR, strokes, image: pngDataUrl(strokes), reason: '', contactAttempts: '', approvedBy: null, digest, signedFields: fields };
  const record: NewSignature = input;
  await addSignature(db, record, kind === 'original' ? 'signed' : null, kind === 'original' ? 'sale.signed' : 'sale.supplementary-signature');
  return featureCode(digest);
};

export const storeSignedSale = async (db: CountersignDb, opts: StoredSaleOptions): Promise<SaleRecord> => {
  const last4 = opts.last4 ?? '1232';
  const created = await createSale(db, { kind: 'sale', amountFen: opts.amountFen ?? 2345, operatorId: OPERATOR, reference: 'INV-1', note: '顾客备注 <note>', originalSaleId: null });
  const card = { maskedPan: `621234******${last4}`, bin: '621234', last4, brand: 'unionpay' as const, entryMode: 'hid-swipe' as const, chip: false, fingerprint: 'f'.repeat(64) };
  const stan = String(Math.floor(Math.random() * 999_999)).padStart(6, '0');
  const step = (action: string, detail: Record<string, unknown> = {}) => ({ actor: OPERATOR, action, detail });
  let sale = await updateSaleSteps(db, created.id, [
    { change: { state: 'card-read', card, last4 }, audit: step('sale.card-read') },
    { change: { state: 'authorizing', stan, batch: '000001', linkId: 'training' }, audit: step('sale.authorizing', { stan, linkId: 'training' }) },
  ]);
  sale = await updateSaleSteps(db, sale.id, [
    { change: { state: 'approved', responseCode: '00', authCode: '123456', rrn: opts.rrn ?? String(600000000000 + Math.floor(Math.random() * 1e9)), channel: 'online' }, audit: step('sale.approved', { responseCode: '00' }) },
    { change: { signatureState: 'unsigned' }, audit: step('sale.awaiting-signature') },
  ]);
  const code = await sign(db, sale, 'original', STROKES);
  await print(db, sale, 'merchant', 0, code, opts.encode);
  await print(db, sale, 'customer', 0, code, opts.encode);
  if (opts.reprint) await print(db, sale, 'merchant', 1, code, opts.encode);
  if (opts.supplementary) await sign(db, sale, 'supplementary', STROKES.map((s) => s.map((p) => ({ ...p, x: p.x + 3 }))));
  if (opts.attachment) await addAttachment(db, { ownerId: sale.id, name: 'customer letter 顾客来信.txt', mimeType: 'text/plain', data: new Blob([opts.attachment as BlobPart]), operatorId: OPERATOR });
  return (await db.sales.get(sale.id)) ?? sale;
};
