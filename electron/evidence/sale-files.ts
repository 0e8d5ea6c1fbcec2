import { isoTime, bundlePaths } from '../../shared/domain/evidence/layout';
import type { HostFile, SaleFile, SignatureFile } from '../../shared/domain/evidence/layout';
import type { EvidenceSaleInput } from '../../shared/domain/evidence/source';
import { explainResponse } from '../../shared/domain/response-codes';
import { featureCode } from '../../shared/domain/sale/digest';

/**
 * One sale's input turned into the bundle's files (layout.ts), pure: paths, JSON shapes, ISO
 * times, feature codes from digests and the host codes' meanings. The writer only moves bytes.
 */
export interface SaleFiles {
  sale: SaleFile;
  signatures: Array<{ json: SignatureFile; jsonPath: string; png: Uint8Array | null; pngPath: string }>;
  receipts: Array<{ input: EvidenceSaleInput['receipts'][number]; pngPath: string; escposPath: string }>;
  host: { file: HostFile; path: string } | null;
  attachments: Array<{ input: EvidenceSaleInput['attachments'][number]; path: string }>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

export const saleFiles = (item: EvidenceSaleInput, attachmentDigests: ReadonlyMap<string, string>): SaleFiles => {
  const s = item.sale;
  const signatures = item.signatures.map((sig) => ({
    json: {
      signatureId: sig.signatureId,
      saleId: sig.saleId,
      kind: sig.kind,
      signedFields: sig.signedFields,
      // Only what the digest covers (and pressure is not part of it): x, y, t.
      strokes: sig.strokes.map((stroke) => stroke.map((p) => ({ x: p.x, y: p.y, t: p.t }))),
      digest: sig.digest,
      featureCode: sig.digest ? featureCode(sig.digest) : null,
      capturedAt: isoTime(sig.capturedAt),
    },
    jsonPath: bundlePaths.signature(sig.signatureId, 'json'),
    png: sig.png,
    pngPath: bundlePaths.signature(sig.signatureId, 'png'),
  }));
  const receipts = item.receipts.map((input) => ({
    input,
    pngPath: bundlePaths.receipt(s.saleId, input.copy, input.reprint, 'png'),
    escposPath: bundlePaths.receipt(s.saleId, input.copy, input.reprint, 'escpos'),
  }));
  const host = item.host
    ? {
        path: bundlePaths.host(s.saleId),
        file: {
          saleId: s.saleId,
          link: item.host.link,
          exchanges: item.host.exchanges.map((x) => {
            const info = x.responseCode ? explainResponse(x.responseCode) : null;
            return { ...x, responseMeaning: info ? { en: info.explanation.en, 'zh-CN': info.explanation['zh-CN'] } : null, sentAt: isoTime(x.sentAt), answeredAt: iso(x.answeredAt) };
          }),
        },
      }
    : null;
  const attachments = item.attachments.map((input) => ({ input, path: bundlePaths.attachment(input.attachmentId, input.name) }));
  const sale: SaleFile = {
    ...s,
    currency: 'CNY',
    createdAt: isoTime(s.createdAt),
    updatedAt: isoTime(s.updatedAt),
    offlineQueuedAt: iso(s.offlineQueuedAt),
    forwardedAt: iso(s.forwardedAt),
    signatures: item.signatures.map((sig) => ({ signatureId: sig.signatureId, kind: sig.kind, capturedAt: isoTime(sig.capturedAt), reason: sig.reason, approvedBy: sig.approvedBy })),
    receipts: receipts.map((r) => ({ copy: r.input.copy, reprint: r.input.reprint, printedAt: isoTime(r.input.printedAt), outcome: r.input.outcome, png: r.pngPath, escpos: r.escposPath })),
    cases: item.cases.map((c) => ({ caseId: c.caseId, type: c.type, state: c.state, openedAt: isoTime(c.openedAt), notes: c.notes })),
    attachments: attachments.map((a) => ({ attachmentId: a.input.attachmentId, name: a.input.name, mimeType: a.input.mimeType, size: a.input.bytes.length, sha256: attachmentDigests.get(a.input.attachmentId) ?? '', file: a.path })),
  };
  return { sale, signatures, receipts, host, attachments };
};

export const json = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
