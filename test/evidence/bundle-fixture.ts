import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { EMPTY_HEAD, sealEntry } from '../../shared/domain/audit-chain';
import type { ChainEntry, ChainHead } from '../../shared/domain/audit-chain';
import { auditLeafHash, deviceKeyName } from '../../shared/domain/audit-proof';
import type { EvidenceSigner } from '../../shared/domain/evidence/dsse';
import type { EvidenceSaleInput, EvidenceSource } from '../../shared/domain/evidence/source';
import { inclusionSpec, nodeHash, resolveProof, rootOfLeaves } from '../../shared/domain/merkle';
import type { Hash, NodeId } from '../../shared/domain/merkle';
import { buildReceipt, encodeMonoPng, rasterizeStrokes } from '../../shared/domain/receipt';
import { SAMPLE_STROKES, sampleReceiptInput } from '../../shared/domain/receipt/receipt-fixtures';
import { featureCode, signatureDigest } from '../../shared/domain/sale/digest';
import type { SignedSaleFields, StrokePoint } from '../../shared/domain/sale/digest';
import { formatCheckpoint, signNote, toBase64 } from '../../shared/domain/signed-note';
import { encodeReceipt } from '../../electron/printer/encode-receipt';
import { parseEscpos } from '../../electron/printer/escpos/escpos-parser';
import { renderReceiptPng } from '../../electron/printer/virtual/render-png';

/**
 * Builds realistic evidence-export input from fixture records, so the writer's tests, the
 * benchmark, the integration step and the e2e can make the same kind of bundle: sales with an
 * original signature (digest and signed-field snapshot), merchant and customer slips encoded by
 * the real receipt encoder and drawn as the virtual printer draws them, a reprint and a
 * supplementary signature on the first sale, host exchanges, an attachment and a case, and an
 * audit log (with other sales' entries in between) whose Merkle tree is checkpointed and
 * signed with a fixed test key.
 */
export const TEST_DEVICE_SEED = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
export const OTHER_DEVICE_SEED = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
export const TEST_DEVICE_ID = '0190a000-0000-7000-8000-00000000d001';

export const seedSigner = (seed: Uint8Array): EvidenceSigner => ({
  publicKey: ed25519.getPublicKey(seed),
  sign: (message) => Promise.resolve(ed25519.sign(message, seed)),
});

export const MERCHANT = { name: '示例商店 Sample Shop <&> "=1+1"', address: '北京市朝阳区建国路 1 号', merchantId: '898100000000001', terminalId: '10000001' };
const START = Date.UTC(2026, 10, 23, 2, 0, 0);
const saleId = (n: number): string => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export interface FixtureOptions {
  sales?: number;
  seed?: Uint8Array;
  deviceId?: string;
  /** Receipts are encoded and drawn once per copy and reused (the benchmark's thousands of sales). */
  reuseReceipts?: boolean;
  caseId?: string | null;
}

const strokesOf = (n: number): StrokePoint[][] => SAMPLE_STROKES.map((stroke) => stroke.map((p, i) => ({ x: p.x + (n % 7), y: p.y, t: i * 16 + n })));

const receiptCache = new Map<string, { escpos: Uint8Array; png: Uint8Array }>();
const printed = (n: number, copy: 'merchant' | 'customer', reprint: number, featureCode: string, reuse: boolean): { escpos: Uint8Array; png: Uint8Array } => {
  const key = `${copy}:${reprint}:${reuse ? 0 : n}`;
  const cached = receiptCache.get(key);
  if (cached) return cached;
  const markup = buildReceipt(sampleReceiptInput({ copy, reprint: reprint > 0 ? { n: reprint, at: START + reprint * 180_000 } : null, featureCode, amountFen: 1000 + n, qr: saleId(n) }));
  const escpos = encodeReceipt(markup, { paperWidth: 80, dotsPerLine: 576, chinese: 'native', cut: true, drawerPulse: false }).bytes;
  const page = parseEscpos(escpos, 576).receipts[0];
  if (!page) throw new Error('the fixture receipt did not parse');
  const made = { escpos, png: new Uint8Array(renderReceiptPng(page)) };
  receiptCache.set(key, made);
  return made;
};

/** An audit log in memory: append, then a checkpoint and inclusion proofs over all of it. */
export class FixtureAuditLog {
  readonly entries: ChainEntry[] = [];
  private head: ChainHead = EMPTY_HEAD;
  /** Perfect-subtree hashes, computed once (proofs are asked for after the last append). */
  private readonly nodes = new Map<string, Hash>();
  private leafCache: Hash[] | null = null;

  constructor(private readonly deviceId: string) {}

  append(action: string, objectId: string, detail: Record<string, unknown>, at: number): ChainEntry {
    const entry = sealEntry({ seq: this.head.seq + 1, id: `a${this.head.seq + 1}`, at: new Date(at).toISOString(), actor: 'op-1', action, objectType: 'sale', objectId, result: 'ok', device: this.deviceId, detail, prevHash: this.head.hash });
    this.entries.push(entry);
    this.head = { seq: entry.seq, hash: entry.hash };
    return entry;
  }

  private leaves(): Hash[] {
    return this.entries.map((e) => auditLeafHash(e) as Hash);
  }

  checkpoint(seed: Uint8Array): string {
    const name = deviceKeyName(this.deviceId);
    return signNote(formatCheckpoint({ origin: name, size: this.entries.length, rootHash: rootOfLeaves(this.leaves()) }), name, seed);
  }

  proof(entry: ChainEntry): { seq: number; leafIndex: number; treeSize: number; path: string[] } {
    const leaves = this.leafCache ?? (this.leafCache = this.leaves());
    const hashOf = (id: NodeId): Hash => {
      const key = `${id.level}:${id.index}`;
      const known = this.nodes.get(key);
      if (known) return known;
      const hash = id.level === 0 ? (leaves[id.index] as Hash) : nodeHash(hashOf({ level: id.level - 1, index: 2 * id.index }), hashOf({ level: id.level - 1, index: 2 * id.index + 1 }));
      this.nodes.set(key, hash);
      return hash;
    };
    const path = resolveProof(inclusionSpec(entry.seq - 1, leaves.length), hashOf).map(toBase64);
    return { seq: entry.seq, leafIndex: entry.seq - 1, treeSize: leaves.length, path };
  }
}

export interface Fixture {
  source: () => EvidenceSource;
  /** Every sale with its audit entries and proofs (made on first use; the source streams them instead). */
  readonly items: EvidenceSaleInput[];
  log: FixtureAuditLog;
  signer: EvidenceSigner;
}

/** `sales` realistic sales (default 1); the first has a reprint, a supplementary signature, a case and an attachment. */
export const buildFixture = (opts: FixtureOptions = {}): Fixture => {
  const count = opts.sales ?? 1;
  const seed = opts.seed ?? TEST_DEVICE_SEED;
  const deviceId = opts.deviceId ?? TEST_DEVICE_ID;
  const log = new FixtureAuditLog(deviceId);
  const drafts: Array<{ item: EvidenceSaleInput; entries: ChainEntry[] }> = [];
  for (let n = 1; n <= count; n++) {
    const id = saleId(n);
    const at = START + n * 60_000;
    const fields: SignedSaleFields = { saleId: id, kind: 'sale', amountFen: 1000 + n, last4: '1232', brand: 'unionpay', merchantId: MERCHANT.merchantId, terminalId: MERCHANT.terminalId, authCode: '123456', rrn: String(100000000000 + n), stan: String(n).padStart(6, '0'), batch: '000001', createdAt: at };
    const strokes = strokesOf(n);
    const digest = signatureDigest(fields, strokes);
    const sigId = `0190a000-0000-7000-9000-${String(n).padStart(12, '0')}`;
    const entries: ChainEntry[] = [];
    log.append('sale.other-shop-sale', `other-${n}`, {}, at - 1000);
    entries.push(log.append('sale.created', id, { amountFen: fields.amountFen }, at));
    entries.push(log.append('sale.approved', id, { responseCode: '00', rrn: fields.rrn }, at + 800));
    entries.push(log.append('sale.signed', id, { signatureId: sigId, kind: 'original', digest }, at + 5000));
    entries.push(log.append('print.confirmed', id, { copy: 'merchant', reprint: 0 }, at + 7000));
    entries.push(log.append('print.confirmed', id, { copy: 'customer', reprint: 0 }, at + 8000));
    const code = featureCode(digest);
    const item: EvidenceSaleInput = {
      sale: {
        saleId: id, kind: 'sale', originalSaleId: null, createdAt: at, updatedAt: at + 8000, version: 5, amountFen: fields.amountFen, state: 'approved', signatureState: 'signed',
        card: { maskedPan: '621234******1232', last4: '1232', brand: 'unionpay', entryMode: 'hid-swipe', chip: false },
        merchantId: MERCHANT.merchantId, terminalId: MERCHANT.terminalId, stan: fields.stan, batch: fields.batch, authCode: fields.authCode, rrn: fields.rrn, responseCode: '00', channel: 'online', link: 'training',
        offlineQueuedAt: null, forwardedAt: null, reference: `INV-${n}`, note: n === 1 ? '顾客说\u202e没有收到短信\n请核对' : '', operator: { id: 'op-1', name: '张三' },
      },
      signatures: [{ signatureId: sigId, saleId: id, kind: 'original', signedFields: fields, strokes, digest, capturedAt: at + 5000, reason: '', approvedBy: null, png: encodeMonoPng(rasterizeStrokes(strokes, { maxWidth: 240, maxHeight: 80 })) }],
      receipts: (['merchant', 'customer'] as const).map((copy, i) => ({ copy, reprint: 0, printedAt: at + 7000 + i * 1000, outcome: 'confirmed', ...printed(n, copy, 0, code, opts.reuseReceipts ?? false) })),
      host: { link: 'training', exchanges: [{ purpose: 'sale', requestMti: '0200', responseMti: '0210', processingCode: '000000', amountFen: fields.amountFen, stan: fields.stan, rrn: fields.rrn, authCode: fields.authCode, responseCode: '00', sentAt: at + 100, answeredAt: at + 700 }] },
      cases: [],
      attachments: [],
      audit: [],
    };
    if (n === 1) {
      const supId = '0190a000-0000-7000-9000-0000000000ff';
      const supStrokes = strokesOf(99);
      const supDigest = signatureDigest(fields, supStrokes);
      entries.push(log.append('print.confirmed', id, { copy: 'merchant', reprint: 1 }, at + 3_600_000));
      entries.push(log.append('sale.supplementary-signature', id, { signatureId: supId, kind: 'supplementary', digest: supDigest }, at + 3_700_000));
      entries.push(log.append('case.open', id, { caseId: 'case-0001', type: 'failed-but-charged' }, at + 3_800_000));
      entries.push(log.append('attachment.add', 'att-0001', { ownerId: id }, at + 3_900_000));
      item.receipts.push({ copy: 'merchant', reprint: 1, printedAt: at + 3_600_000, outcome: 'confirmed', ...printed(n, 'merchant', 1, code, opts.reuseReceipts ?? false) });
      item.signatures.push({ signatureId: supId, saleId: id, kind: 'supplementary', signedFields: fields, strokes: supStrokes, digest: supDigest, capturedAt: at + 3_700_000, reason: '', approvedBy: null, png: encodeMonoPng(rasterizeStrokes(supStrokes, { maxWidth: 240, maxHeight: 80 })) });
      item.cases.push({ caseId: 'case-0001', type: 'failed-but-charged', state: 'open', openedAt: at + 3_800_000, notes: 'Customer: charged twice? 顾客称被扣款两次。=cmd|calc' });
      item.attachments.push({ attachmentId: 'att-0001', name: '../customer letter 顾客来信.txt', mimeType: 'text/plain', createdAt: at + 3_900_000, bytes: new TextEncoder().encode('I was charged on 2026-11-23 for 10.01 yuan. Card ending 1232.\n') });
    }
    drafts.push({ item, entries });
  }
  log.append('export.evidence', 'bundle', {}, START + (count + 2) * 60_000);
  const checkpoint = log.checkpoint(seed);
  // Proofs are made as each sale is asked for, as the audit store will: the stream holds one sale at a time.
  const withAudit = ({ item, entries }: (typeof drafts)[number]): EvidenceSaleInput => ({ ...item, audit: entries.map((entry) => ({ entry, proof: log.proof(entry) })) });
  let materialized: EvidenceSaleInput[] | null = null;
  const caseId = opts.caseId === undefined ? 'case-0001' : opts.caseId;
  const source = (): EvidenceSource => ({
    header: { merchant: MERCHANT, externalId: caseId ?? saleId(1), caseRef: caseId ? { caseId, type: 'failed-but-charged' } : null, deviceId, createdAt: START + (count + 3) * 60_000, timeZone: 'Asia/Shanghai', checkpoint, generator: 'Countersign 0.1.0' },
    expectedSales: drafts.length,
    sales: (async function* () {
      for (const draft of drafts) yield await Promise.resolve(withAudit(draft));
    })(),
  });
  return {
    source,
    get items(): EvidenceSaleInput[] {
      materialized ??= drafts.map(withAudit);
      return materialized;
    },
    log,
    signer: seedSigner(seed),
  };
};
