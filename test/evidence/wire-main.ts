import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { deviceKeyName } from '../../shared/domain/audit-proof';
import { openZipBundle } from '../../shared/domain/evidence/bundle-reader';
import type { EvidenceAttachmentInput, EvidenceSaleInput } from '../../shared/domain/evidence/source';
import { verifyBundle } from '../../shared/domain/evidence/verify-bundle';
import type { VerifyReport } from '../../shared/domain/evidence/verify-bundle';
import { formatCheckpoint, fromBase64, signNote } from '../../shared/domain/signed-note';
import { SALES_MESSAGE_BUDGET, evidenceCommands } from '../../shared/ipc/commands/evidence';
import type { EvidenceSaleWire } from '../../shared/ipc/commands/evidence';
import type { CountersignApi } from '../../shared/ipc/contract';
import { fail, ok } from '../../shared/ipc/envelope';
import type { Envelope } from '../../shared/ipc/envelope';
import { writeEvidenceBundle } from '../../electron/evidence/bundle-writer';
import { openFileAccess } from '../../electron/evidence/file-access';
import { loadReportFont } from '../../electron/evidence/report-font';
import { encodeReceipt } from '../../electron/printer/encode-receipt';
import { parseEscpos } from '../../electron/printer/escpos/escpos-parser';
import { renderReceiptPng } from '../../electron/printer/virtual/render-png';
import { MERCHANT, TEST_DEVICE_SEED, seedSigner } from './bundle-fixture';

/**
 * A stand-in for main's evidence handlers, for the renderer's export tests: it signs audit
 * checkpoints with a test key as main's checkpoint signer does, checks every message against
 * the contract's schemas and budgets, rebuilds the writer's input from the wire (receipts
 * encoded again from their markup and kept only when the digest is the one printed, as main
 * does), and writes the bundle with the real writer, so a test can verify it with the real
 * verifier. It keeps the sales in memory: tests export a handful.
 */
export const RECEIPT_PROFILE = { paperWidth: 80 as const, dotsPerLine: 576, chinese: 'native' as const, cut: true, drawerPulse: false };

export interface WireMainLog {
  commands: string[];
  salesMessages: Array<{ json: number; sales: number }>;
  parts: Array<{ attachmentId: string; offset: number; bytes: number }>;
}

export interface WireMain {
  api: CountersignApi;
  log: WireMainLog;
  publicKey: Uint8Array;
  fingerprint: string;
  /** The last bundle written, verified with this key trusted. */
  lastBundle: () => Promise<{ path: string; report: VerifyReport } | null>;
}

const receiptInput = (r: EvidenceSaleWire['receipts'][number]): EvidenceSaleInput['receipts'][number] | null => {
  const escpos = encodeReceipt(r.markup, RECEIPT_PROFILE).bytes;
  if (r.bytesSha256 !== null && bytesToHex(sha256(escpos)) !== r.bytesSha256) return null;
  const page = parseEscpos(escpos, RECEIPT_PROFILE.dotsPerLine).receipts[0];
  if (!page) return null;
  return { copy: r.copy, reprint: r.reprint, printedAt: r.printedAt, outcome: r.outcome, escpos, png: new Uint8Array(renderReceiptPng(page)) };
};

export const makeWireMain = (opts: { deviceId: string; outDir: string; role?: 'manager' | 'cashier'; failWith?: { command: string; reason: string; message: string }; gate?: (command: string) => Promise<void> }): WireMain => {
  const seed = TEST_DEVICE_SEED;
  const publicKey = ed25519.getPublicKey(seed);
  const fingerprint = bytesToHex(sha256(publicKey));
  const log: WireMainLog = { commands: [], salesMessages: [], parts: [] };
  let lastCheckpoint: { size: number; rootHash: string; note: string; signedAt: string } | null = null;
  let open: { id: string; fileName: string; externalId: string; checkpoint: string; timeZone: string; sales: EvidenceSaleInput[]; parts: Map<string, Uint8Array[]> } | null = null;
  let written: string | null = null;
  let n = 0;
  const handlers: Record<string, (req: never) => Envelope<unknown> | Promise<Envelope<unknown>>> = {
    'audit:checkpoint-status': () => ok({ last: lastCheckpoint }),
    'audit:checkpoint': (req: { newSize: number; rootHash: string }) => {
      const name = deviceKeyName(opts.deviceId);
      const root = fromBase64(req.rootHash);
      if (!root) return fail('VALIDATION', 'bad root');
      lastCheckpoint = { size: req.newSize, rootHash: req.rootHash, note: signNote(formatCheckpoint({ origin: name, size: req.newSize, rootHash: root }), name, seed), signedAt: new Date().toISOString() };
      return ok(lastCheckpoint);
    },
    'evidence:begin': (req: { externalId: string; checkpoint: string; timeZone: string; fileName: string }) => {
      if (opts.role === 'cashier') return fail('FORBIDDEN_ROLE', 'manager needed', { reason: 'manager-needed' });
      if (open) return fail('CONFLICT', 'another export is running', { reason: 'export-running' });
      n += 1;
      open = { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, fileName: req.fileName, externalId: req.externalId, checkpoint: req.checkpoint, timeZone: req.timeZone, sales: [], parts: new Map() };
      return ok({ exportId: open.id });
    },
    'evidence:attachment-part': (req: { exportId: string; attachmentId: string; offset: number; data: string }) => {
      if (!open || open.id !== req.exportId) return fail('CONFLICT', 'unknown export', { reason: 'export-unknown' });
      const bytes = fromBase64(req.data) ?? new Uint8Array(0);
      const parts = open.parts.get(req.attachmentId) ?? [];
      const received = parts.reduce((s, p) => s + p.length, 0);
      if (received !== req.offset) return fail('CONFLICT', `part at ${req.offset}, expected ${received}`, { reason: 'invalid-input' });
      parts.push(bytes);
      open.parts.set(req.attachmentId, parts);
      log.parts.push({ attachmentId: req.attachmentId, offset: req.offset, bytes: bytes.length });
      return ok({ received: received + bytes.length });
    },
    'evidence:sales': (req: { exportId: string; sales: EvidenceSaleWire[] }) => {
      if (!open || open.id !== req.exportId) return fail('CONFLICT', 'unknown export', { reason: 'export-unknown' });
      const json = JSON.stringify(req).length;
      log.salesMessages.push({ json, sales: req.sales.length });
      if (json > SALES_MESSAGE_BUDGET + 200) return fail('VALIDATION', `message of ${json} characters`);
      for (const wire of req.sales) {
        const attachments: EvidenceAttachmentInput[] = [];
        for (const a of wire.attachments) {
          const parts = open.parts.get(a.attachmentId) ?? [];
          const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
          parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
          if (bytes.length !== a.size || bytesToHex(sha256(bytes)) !== a.sha256) return fail('CONFLICT', `attachment ${a.attachmentId} does not add up`, { reason: 'invalid-input' });
          attachments.push({ attachmentId: a.attachmentId, name: a.name, mimeType: a.mimeType, createdAt: a.createdAt, bytes });
          open.parts.delete(a.attachmentId);
        }
        open.sales.push({
          sale: wire.sale,
          signatures: wire.signatures.map((s) => ({ ...s, png: s.pngBase64 ? fromBase64(s.pngBase64) : null })),
          receipts: wire.receipts.map(receiptInput).filter((r): r is NonNullable<typeof r> => r !== null),
          host: wire.host,
          cases: wire.cases,
          attachments,
          audit: wire.audit.map((a) => ({ entry: a.entry as unknown as EvidenceSaleInput['audit'][number]['entry'], proof: a.proof })),
        });
      }
      return ok({ sales: open.sales.length, bytes: 0 });
    },
    'evidence:finish': async (req: { exportId: string }) => {
      if (!open || open.id !== req.exportId) return fail('CONFLICT', 'unknown export', { reason: 'export-unknown' });
      const job = open;
      open = null;
      mkdirSync(opts.outDir, { recursive: true });
      const path = join(opts.outDir, job.fileName);
      const header = { merchant: MERCHANT, externalId: job.externalId, caseRef: null, deviceId: opts.deviceId, createdAt: Date.now(), timeZone: job.timeZone, checkpoint: job.checkpoint, generator: 'Countersign test' };
      const sales = job.sales;
      const result = await writeEvidenceBundle(path, { header, expectedSales: sales.length, sales: (async function* () {
        for (const sale of sales) yield await Promise.resolve(sale);
      })() }, { signer: seedSigner(seed), font: loadReportFont(process.cwd()) });
      written = path;
      return ok({ fileName: job.fileName, bytes: result.bytes, files: result.files, sales: result.sales, sha256: '0'.repeat(64), keyFingerprint: result.keyFingerprint, savedTo: null, downloadPath: `/evidence/${job.fileName}` });
    },
    'evidence:cancel': (req: { exportId: string }) => {
      const was = open?.id === req.exportId;
      if (was) open = null;
      return ok({ cancelled: was });
    },
  };
  const api = {
    invoke: async (command: string, request: unknown): Promise<Envelope<unknown>> => {
      log.commands.push(command);
      if (opts.gate) await opts.gate(command);
      const spec = (evidenceCommands as Record<string, { request: { safeParse: (v: unknown) => { success: boolean; error?: unknown } } }>)[command];
      if (spec) {
        const parsed = spec.request.safeParse(request);
        if (!parsed.success) return fail('VALIDATION', `${command}: ${String(parsed.error)}`);
      }
      if (opts.failWith?.command === command) return fail('CONFLICT', opts.failWith.message, { reason: opts.failWith.reason });
      const handler = handlers[command];
      if (!handler) return fail('UNKNOWN_COMMAND', command);
      return handler(request as never);
    },
    on: () => () => undefined,
  } as unknown as CountersignApi;
  return {
    api,
    log,
    publicKey,
    fingerprint,
    lastBundle: async () => {
      if (!written) return null;
      const file = await openFileAccess(written);
      try {
        return { path: written, report: await verifyBundle(await openZipBundle(file), { trustedKey: fingerprint }) };
      } finally {
        await file.close();
      }
    },
  };
};
