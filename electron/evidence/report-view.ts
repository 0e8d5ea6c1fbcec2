import type { ChainEntry } from '../../shared/domain/audit-chain';
import type { DeviceKeyRef } from '../../shared/domain/audit-proof';
import type { EvidenceSaleInput } from '../../shared/domain/evidence/source';
import { signedFieldsOfSale } from '../../shared/domain/evidence/verify-content';
import { checkSignature, signingEntry } from '../../shared/domain/sale/signature-check';
import type { ReportSaleView } from './report-pdf';
import type { SaleFiles } from './sale-files';

/**
 * What the report shows of one sale, from its bundle files: each customer signature checked
 * by the same per-sale check as the 校验签名 action (digest, changed fields, audit entry and
 * its proof into the checkpoint, the device key, the host's MAC answer).
 */
export const reportView = (item: EvidenceSaleInput, files: SaleFiles, index: number, checkpoint: string, deviceKey: DeviceKeyRef): ReportSaleView => {
  const entries: ChainEntry[] = item.audit.map((a) => a.entry).sort((a, b) => a.seq - b.seq);
  const saleNow = signedFieldsOfSale(files.sale);
  return {
    index,
    sale: files.sale,
    host: files.host?.file ?? null,
    signatures: files.signatures.map((sig, i) => {
      const input = item.signatures[i];
      const checked = sig.json.kind === 'original' || sig.json.kind === 'supplementary';
      const entry = signingEntry(entries, sig.json.signatureId);
      const proof = entry ? (item.audit.find((a) => a.entry.seq === entry.seq)?.proof ?? null) : null;
      const signature = { id: sig.json.signatureId, strokes: sig.json.strokes, digest: sig.json.digest, signedFields: sig.json.signedFields };
      return {
        file: sig.json,
        reason: input?.reason ?? '',
        approvedBy: input?.approvedBy ?? null,
        png: sig.png,
        check: checked ? checkSignature({ signature, saleNow, audit: { entry, proof, checkpointNote: checkpoint }, deviceKey, hostResponseCode: files.sale.responseCode }) : null,
      };
    }),
    receipts: files.receipts.map((r) => ({ copy: r.input.copy, reprint: r.input.reprint, printedAt: r.input.printedAt, outcome: r.input.outcome, png: r.input.png, file: r.pngPath })),
    cases: item.cases,
    attachments: files.sale.attachments.map((a) => ({ name: a.name, mimeType: a.mimeType, size: a.size, sha256: a.sha256, file: a.file })),
    audit: entries,
  };
};
