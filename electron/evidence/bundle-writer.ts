import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { deviceKeyName, openCheckpoint } from '../../shared/domain/audit-proof';
import { findCardData } from '../../shared/domain/card/pan-scan';
import { BAGIT_TXT, PAYLOAD_MANIFEST, TAG_MANIFEST, baggingDate, formatBagInfo, formatManifest, payloadOxum } from '../../shared/domain/evidence/bagit';
import { IN_TOTO_PAYLOAD_TYPE, keyFingerprint, signEnvelope } from '../../shared/domain/evidence/dsse';
import type { EvidenceSigner } from '../../shared/domain/evidence/dsse';
import { ed25519PublicKeyPem } from '../../shared/domain/evidence/key-pem';
import { DEVICE_KEY_FILE, ENVELOPE_FILE, EXCERPT_FILE, REPORT_FILES, RecordId, bundlePaths, isoTime } from '../../shared/domain/evidence/layout';
import { extractPdfText } from '../../shared/domain/evidence/pdf-text';
import type { EvidenceSaleInput, EvidenceSource } from '../../shared/domain/evidence/source';
import { buildStatement, statementBytes } from '../../shared/domain/evidence/statement';
import { AuditSpool } from './audit-spool';
import type { ReportFont } from './report-font';
import { ReportPdf } from './report-pdf';
import { reportView } from './report-view';
import { json, saleFiles } from './sale-files';
import { CardDataFound, ZipSink } from './zip-sink';
import type { EntryDigest } from './zip-sink';

/**
 * Writes an evidence bundle (issue 14): a ZIP whose root is a BagIt 1.0 bag with a DSSE-signed
 * in-toto statement over every payload file, from sales that stream in. It is written to a
 * partial file beside the destination and renamed only when complete, so a cancel, a refusal
 * or a crash never leaves a bundle that looks finished. Nothing reaches the ZIP before the
 * card-data scan has passed it.
 */
export type EvidenceExportProblem = 'card-data-found' | 'cancelled' | 'invalid-input' | 'empty';

export class EvidenceExportError extends Error {
  constructor(
    readonly problem: EvidenceExportProblem,
    message: string,
    /** For card-data-found: the bundle file and the last four digits of what was found. */
    readonly file: string | null = null,
    readonly last4: string | null = null,
  ) {
    super(message);
    this.name = 'EvidenceExportError';
  }
}

export interface EvidenceProgress {
  phase: 'sales' | 'reports' | 'sealing';
  sales: number;
  expectedSales: number | null;
  bytes: number;
}

export interface WriteEvidenceOptions {
  signer: EvidenceSigner;
  /** The report font, parsed once at start (report-font.ts). */
  font: ReportFont;
  signal?: AbortSignal;
  onProgress?: (p: EvidenceProgress) => void;
  /** Where temporary report and audit files go (default: the OS temp folder). */
  tempDir?: string;
}

export interface EvidenceWritten {
  path: string;
  bytes: number;
  files: number;
  sales: number;
  keyFingerprint: string;
}

/** Reports of more sales list receipts by file rather than draw them (see ReportPdf). */
export const RECEIPT_PICTURES_UP_TO = 50;

/** Past this size the finished PDF is not re-read for its text (its strings were scanned as drawn). */
const PDF_RESCAN_LIMIT = 32 * 1024 * 1024;

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

export const writeEvidenceBundle = async (dest: string, source: EvidenceSource, opts: WriteEvidenceOptions): Promise<EvidenceWritten> => {
  const { header } = source;
  const fingerprint = keyFingerprint(opts.signer.publicKey);
  const opened = openCheckpoint(header.checkpoint, { deviceId: header.deviceId, publicKey: opts.signer.publicKey });
  if (!opened.ok) throw new EvidenceExportError('invalid-input', `the audit checkpoint is not one this device signed (${opened.problem})`);
  const allow = [header.merchant.merchantId, header.merchant.terminalId];
  const temp = await mkdtemp(join(opts.tempDir ?? tmpdir(), 'countersign-evidence-'));
  const partial = join(dirname(dest), `.${basename(dest)}.${randomUUID()}.partial`);
  const sink = new ZipSink(partial, new Date(header.createdAt), allow);
  const reports = (['zh-CN', 'en'] as const).map((lang) => new ReportPdf(lang, join(temp, `report.${lang}.pdf`), opts.font, header, allow, REPORT_FILES[lang], opened.checkpoint.size, (source.expectedSales ?? 0) <= RECEIPT_PICTURES_UP_TO));
  let spool: AuditSpool | null = null;
  const payload: EntryDigest[] = [];
  const paths = new Set<string>();
  let sales = 0;
  const saleIds: string[] = [];
  const progress = (phase: EvidenceProgress['phase']): void => opts.onProgress?.({ phase, sales, expectedSales: source.expectedSales, bytes: sink.written });
  const cancelled = (): void => {
    if (opts.signal?.aborted) throw new EvidenceExportError('cancelled', 'the export was cancelled');
  };
  const add = async (path: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<EntryDigest> => {
    if (paths.has(path)) throw new EvidenceExportError('invalid-input', `${path} would be written twice`);
    paths.add(path);
    const digest = await sink.add(path, content);
    if (path.startsWith('data/')) payload.push(digest);
    return digest;
  };
  try {
    spool = await AuditSpool.create(join(temp, 'audit.jsonl'), allow);
    for await (const item of source.sales) {
      cancelled();
      await writeSale(item, header.checkpoint, opts.signer.publicKey, header.deviceId, ++sales, add, reports, spool);
      saleIds.push(item.sale.saleId);
      progress('sales');
    }
    if (sales === 0) throw new EvidenceExportError('empty', 'there is no sale to export');
    cancelled();
    progress('reports');
    for (const report of reports) {
      await report.finish({ keyFingerprint: fingerprint, sales, checkpointSize: opened.checkpoint.size });
      const name = REPORT_FILES[report.lang];
      if ((await stat(report.path)).size <= PDF_RESCAN_LIMIT) {
        const hit = extractPdfText(await readFile(report.path)).flatMap((page) => findCardData(page, { allow }))[0];
        if (hit) throw new CardDataFound(name, hit);
      }
      await add(name, fileChunks(report.path));
      cancelled();
    }
    await add(EXCERPT_FILE, spool.excerpt(header.checkpoint));
    progress('sealing');
    await sealBag(add, payload, source, opts.signer, fingerprint, saleIds, opened.checkpoint.size);
    const bytes = await sink.close();
    await rename(partial, dest);
    return { path: dest, bytes, files: paths.size, sales, keyFingerprint: fingerprint };
  } catch (e) {
    sink.abort();
    for (const r of reports) r.abort();
    await rm(partial, { force: true });
    if (e instanceof CardDataFound) {
      throw new EvidenceExportError('card-data-found', `The export was refused: ${e.file} would contain ${e.hit.kind === 'track' ? 'card track data' : 'a card number'} ending ${e.hit.last4}. Nothing was written.`, e.file, e.hit.last4);
    }
    throw e;
  } finally {
    await spool?.close();
    await rm(temp, { recursive: true, force: true });
  }
};

type Add = (path: string, content: Uint8Array | AsyncIterable<Uint8Array>) => Promise<EntryDigest>;

const writeSale = async (item: EvidenceSaleInput, checkpoint: string, publicKey: Uint8Array, deviceId: string, index: number, add: Add, reports: ReportPdf[], spool: AuditSpool): Promise<void> => {
  const ids = [item.sale.saleId, ...item.signatures.map((s) => s.signatureId), ...item.attachments.map((a) => a.attachmentId)];
  for (const id of ids) if (!RecordId.safeParse(id).success) throw new EvidenceExportError('invalid-input', `"${id.slice(0, 70)}" cannot name a file`);
  const attachmentDigests = new Map<string, string>();
  for (const a of item.attachments) {
    attachmentDigests.set(a.attachmentId, (await add(bundlePaths.attachment(a.attachmentId, a.name), a.bytes)).sha256);
  }
  const files = saleFiles(item, attachmentDigests);
  for (const sig of files.signatures) {
    await add(sig.jsonPath, json(sig.json));
    if (sig.png) await add(sig.pngPath, sig.png);
  }
  for (const r of files.receipts) {
    await add(r.pngPath, r.input.png);
    await add(r.escposPath, r.input.escpos);
  }
  if (files.host) await add(files.host.path, json(files.host.file));
  await add(bundlePaths.sale(item.sale.saleId), json(files.sale));
  await spool.add(item.audit);
  const view = reportView(item, files, index, checkpoint, { deviceId, publicKey });
  for (const report of reports) {
    report.addSale(view);
    await report.drained();
  }
};

const sealBag = async (add: Add, payload: EntryDigest[], source: EvidenceSource, signer: EvidenceSigner, fingerprint: string, sales: string[], checkpointSize: number): Promise<void> => {
  const { header } = source;
  const octets = payload.reduce((n, p) => n + p.size, 0);
  const tags: EntryDigest[] = [];
  tags.push(await add('bagit.txt', new TextEncoder().encode(BAGIT_TXT)));
  const bagInfo = formatBagInfo([
    ['Source-Organization', header.merchant.name],
    ['External-Identifier', header.externalId],
    ['External-Description', `Countersign evidence bundle: ${sales.length} sale(s), merchant ${header.merchant.merchantId}, terminal ${header.merchant.terminalId}`],
    ['Bagging-Date', baggingDate(header.createdAt)],
    ['Payload-Oxum', payloadOxum(octets, payload.length)],
    ['Bag-Software-Agent', header.generator],
  ]);
  tags.push(await add('bag-info.txt', new TextEncoder().encode(bagInfo)));
  tags.push(await add(PAYLOAD_MANIFEST, new TextEncoder().encode(formatManifest(payload))));
  tags.push(await add(DEVICE_KEY_FILE, new TextEncoder().encode(ed25519PublicKeyPem(signer.publicKey))));
  const statement = buildStatement(payload, {
    sales,
    case: header.caseRef,
    deviceId: header.deviceId,
    keyFingerprint: fingerprint,
    createdAt: isoTime(header.createdAt),
    merchant: { name: header.merchant.name, merchantId: header.merchant.merchantId, terminalId: header.merchant.terminalId },
    checkpoint: { origin: deviceKeyName(header.deviceId), size: checkpointSize },
    generator: header.generator,
  });
  const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), signer);
  tags.push(await add(ENVELOPE_FILE, json(envelope)));
  await add(TAG_MANIFEST, new TextEncoder().encode(formatManifest(tags)));
};
