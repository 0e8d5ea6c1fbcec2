import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ChainEntry } from '../audit-chain';
import { CardDataScanner, findCardData } from '../card/pan-scan';
import { BAGIT_TXT, PAYLOAD_MANIFEST, TAG_MANIFEST, parseBagInfo, parseManifest } from './bagit';
import { readAll, readText } from './bundle-reader';
import type { BundleReader } from './bundle-reader';
import { keyFingerprint, openEnvelope } from './dsse';
import { parseEd25519PublicKeyPem } from './key-pem';
import { DEVICE_KEY_FILE, ENVELOPE_FILE, EXCERPT_FILE, ExcerptFile, REPORT_FILES, SaleFile, SignatureFile, bundlePaths } from './layout';
import { extractPdfText } from './pdf-text';
import { Statement } from './statement';
import type { EvidencePredicate } from './statement';
import { verifyExcerpt, verifySignatureFile } from './verify-content';
import { failure } from './verify-failures';
import type { VerifyFailure } from './verify-failures';

/**
 * The one evidence-bundle verifier (issue 14), used by `npm run verify-evidence` and by the
 * in-app "校验证据包 / Verify a bundle" screen. It never stops at the first problem: the bag,
 * every file's digest, the DSSE signature and its key, the audit excerpt and its checkpoint,
 * every signature's digest, and a card-number scan are all checked and each failure reported.
 */
export interface VerifyOptions {
  /** Hex SHA-256 fingerprint of the key the shop gave the bank; another key is UNKNOWN_KEY. */
  trustedKey?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface BundleFacts {
  keyFingerprint: string | null;
  deviceId: string | null;
  merchant: EvidencePredicate['merchant'] | null;
  caseId: string | null;
  sales: string[];
  createdAt: string | null;
  files: number;
  payloadBytes: number;
  auditEntries: number;
  checkpointSize: number | null;
  signaturesChecked: number;
}

export interface VerifyReport {
  ok: boolean;
  failures: VerifyFailure[];
  facts: BundleFacts;
}

const REQUIRED_TAG_FILES = ['bagit.txt', 'bag-info.txt', PAYLOAD_MANIFEST, TAG_MANIFEST, DEVICE_KEY_FILE, ENVELOPE_FILE];
const REQUIRED_BAG_INFO = ['Source-Organization', 'External-Identifier', 'Bagging-Date', 'Payload-Oxum'];
/** PDFs are read whole for their text; past this size their text is not scanned (their bytes still are). */
const MAX_PDF_TEXT_BYTES = 256 * 1024 * 1024;

const unsafePath = (name: string): boolean => name.startsWith('/') || name.includes('\\') || name.split('/').some((seg) => seg === '..' || seg === '.' || seg === '');

interface Hashed {
  sha256: string;
  size: number;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Every file once: SHA-256, size, and the card-number scan (PDF text included). */
const hashAndScan = async (reader: BundleReader, allow: string[], out: VerifyFailure[], opts: VerifyOptions): Promise<Map<string, Hashed>> => {
  const hashed = new Map<string, Hashed>();
  let done = 0;
  for (const name of reader.names) {
    const hash = sha256.create();
    const scanner = new CardDataScanner({ allow });
    const keep: Uint8Array[] | null = name.endsWith('.pdf') ? [] : null;
    let size = 0;
    for await (const chunk of reader.chunks(name)) {
      hash.update(chunk);
      scanner.push(chunk);
      size += chunk.length;
      if (keep && size <= MAX_PDF_TEXT_BYTES) keep.push(chunk);
    }
    hashed.set(name, { sha256: bytesToHex(hash.digest()), size });
    const hits = scanner.finish();
    if (keep && size <= MAX_PDF_TEXT_BYTES) {
      const bytes = new Uint8Array(size);
      keep.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
      extractPdfText(bytes).forEach((text, page) => {
        for (const hit of findCardData(text, { allow })) out.push(failure('PAN_FOUND', name, `page ${page + 1}: ${hit.kind === 'track' ? 'track data' : 'a card number'} ending ${hit.last4}`));
      });
    }
    for (const hit of hits) out.push(failure('PAN_FOUND', name, `${hit.kind === 'track' ? 'track data' : 'a card number'} ending ${hit.last4} at byte ${hit.offset}`));
    opts.onProgress?.(++done, reader.names.length);
  }
  return hashed;
};

export const verifyBundle = async (reader: BundleReader, opts: VerifyOptions = {}): Promise<VerifyReport> => {
  const out: VerifyFailure[] = [];
  const names = new Set(reader.names);
  const facts: BundleFacts = { keyFingerprint: null, deviceId: null, merchant: null, caseId: null, sales: [], createdAt: null, files: names.size, payloadBytes: 0, auditEntries: 0, checkpointSize: null, signaturesChecked: 0 };
  const finish = (): VerifyReport => ({ ok: out.length === 0, failures: out, facts });
  for (const name of reader.names) if (unsafePath(name)) out.push(failure('BAG_INVALID', name, 'an unsafe path (absolute, .., or backslashes)'));
  for (const name of reader.duplicates ?? []) out.push(failure('BAG_INVALID', name, 'the ZIP holds this file more than once'));
  for (const name of REQUIRED_TAG_FILES) if (!names.has(name)) out.push(failure('BAG_INVALID', name, 'a required file is missing'));
  for (const name of [...Object.values(REPORT_FILES), EXCERPT_FILE]) if (!names.has(name)) out.push(failure('BAG_INVALID', name, 'a required payload file is missing'));
  const text = async (name: string): Promise<string | null> => (names.has(name) ? readText(reader, name) : null);

  // The key and the signed statement first: the statement names the merchant number the card scan must not mistake for a card.
  const pem = await text(DEVICE_KEY_FILE);
  const publicKey = pem === null ? null : parseEd25519PublicKeyPem(pem);
  if (pem !== null && !publicKey) out.push(failure('SIGNATURE_INVALID', DEVICE_KEY_FILE, 'not an Ed25519 public key in SPKI PEM'));
  if (publicKey) facts.keyFingerprint = keyFingerprint(publicKey);
  if (publicKey && opts.trustedKey && opts.trustedKey.trim().toLowerCase() !== facts.keyFingerprint) {
    out.push(failure('UNKNOWN_KEY', DEVICE_KEY_FILE, `the bundle is signed by key ${facts.keyFingerprint ?? ''}, not the trusted key ${opts.trustedKey.trim().toLowerCase()}`));
  }
  let statement: Statement | null = null;
  const envelopeText = await text(ENVELOPE_FILE);
  if (envelopeText !== null && publicKey) {
    const opened = openEnvelope(parseJson(envelopeText), publicKey);
    if (!opened.ok) out.push(failure('SIGNATURE_INVALID', ENVELOPE_FILE, opened.detail));
    else {
      const parsed = Statement.safeParse(parseJson(new TextDecoder().decode(opened.body)));
      if (!parsed.success) out.push(failure('SIGNATURE_INVALID', ENVELOPE_FILE, 'the signed payload is not an evidence statement'));
      else statement = parsed.data;
    }
  }
  const predicate = statement?.predicate ?? null;
  if (predicate) {
    Object.assign(facts, { deviceId: predicate.deviceId, merchant: predicate.merchant, caseId: predicate.case?.caseId ?? null, sales: predicate.sales, createdAt: predicate.createdAt });
    if (predicate.keyFingerprint !== facts.keyFingerprint) out.push(failure('SIGNATURE_INVALID', ENVELOPE_FILE, 'the statement names another key than device-key.pem'));
  }

  const hashed = await hashAndScan(reader, predicate ? [predicate.merchant.merchantId, predicate.merchant.terminalId] : [], out, opts);
  checkBag(await text('bagit.txt'), await text('bag-info.txt'), await text(PAYLOAD_MANIFEST), await text(TAG_MANIFEST), hashed, out, facts);

  if (statement) {
    const payload = [...hashed.keys()].filter((n) => n.startsWith('data/'));
    const subjects = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
    for (const name of payload) {
      const signed = subjects.get(name);
      if (signed === undefined) out.push(failure('SIGNATURE_INVALID', name, 'the file is not covered by the signed statement'));
      else if (signed !== hashed.get(name)?.sha256) out.push(failure('DIGEST_MISMATCH', name, 'the file differs from the signed statement'));
    }
    for (const name of subjects.keys()) if (!hashed.has(name)) out.push(failure('DIGEST_MISMATCH', name, 'a signed file is missing from the bundle'));
    for (const saleId of statement.predicate.sales) if (!names.has(bundlePaths.sale(saleId))) out.push(failure('BAG_INVALID', bundlePaths.sale(saleId), 'a signed sale has no sale file'));
  }

  let entries: ChainEntry[] = [];
  const excerptText = await text(EXCERPT_FILE);
  if (excerptText !== null) {
    const excerpt = ExcerptFile.safeParse(parseJson(excerptText));
    if (!excerpt.success) out.push(failure('BAG_INVALID', EXCERPT_FILE, 'not an audit excerpt (entries, checkpoint, proofs)'));
    else {
      entries = excerpt.data.entries;
      facts.auditEntries = entries.length;
      if (publicKey && predicate) out.push(...verifyExcerpt(excerpt.data, { deviceId: predicate.deviceId, publicKey }, predicate.checkpoint.size));
      facts.checkpointSize = predicate?.checkpoint.size ?? null;
    }
  }

  for (const name of reader.names.filter((n) => /^data\/signatures\/[^/]+\.json$/.test(n))) {
    const sig = SignatureFile.safeParse(parseJson(new TextDecoder().decode(await readAll(reader, name))));
    if (!sig.success) {
      out.push(failure('BAG_INVALID', name, 'not a signature record'));
      continue;
    }
    const saleName = bundlePaths.sale(sig.data.saleId);
    const sale = names.has(saleName) ? SaleFile.safeParse(parseJson((await text(saleName)) ?? '')) : null;
    if (sale && !sale.success) out.push(failure('BAG_INVALID', saleName, 'not a sale record'));
    out.push(...verifySignatureFile(name, sig.data, sale?.success ? sale.data : null, entries));
    facts.signaturesChecked += 1;
  }
  return finish();
};

const checkBag = (bagit: string | null, bagInfo: string | null, manifest: string | null, tagManifest: string | null, hashed: Map<string, Hashed>, out: VerifyFailure[], facts: BundleFacts): void => {
  if (bagit !== null) {
    const decl = parseBagInfo(bagit);
    if (!decl || decl.get('BagIt-Version')?.[0] !== '1.0' || decl.get('Tag-File-Character-Encoding')?.[0]?.toUpperCase() !== 'UTF-8') {
      out.push(failure('BAG_INVALID', 'bagit.txt', `not the BagIt 1.0 declaration (${JSON.stringify(BAGIT_TXT)})`));
    }
  }
  const payload = [...hashed.entries()].filter(([n]) => n.startsWith('data/'));
  facts.payloadBytes = payload.reduce((n, [, h]) => n + h.size, 0);
  if (bagInfo !== null) {
    const info = parseBagInfo(bagInfo);
    if (!info) out.push(failure('BAG_INVALID', 'bag-info.txt', 'not "Label: value" lines'));
    else {
      for (const label of REQUIRED_BAG_INFO) if (!info.get(label)?.[0]) out.push(failure('BAG_INVALID', 'bag-info.txt', `${label} is missing`));
      const oxum = info.get('Payload-Oxum')?.[0];
      if (oxum && oxum !== `${facts.payloadBytes}.${payload.length}`) out.push(failure('BAG_INVALID', 'bag-info.txt', `Payload-Oxum is ${oxum}, the payload is ${facts.payloadBytes}.${payload.length}`));
    }
  }
  const compare = (file: string, text: string | null, files: Array<[string, Hashed]>, mustList: readonly string[]): void => {
    if (text === null) return;
    const parsed = parseManifest(text);
    if (!parsed.ok) {
      out.push(failure('BAG_INVALID', file, `line ${parsed.line}: ${parsed.detail}`));
      return;
    }
    for (const [name, h] of files) {
      const listed = parsed.entries.get(name);
      if (listed === undefined) {
        if (mustList.includes(name) || file === PAYLOAD_MANIFEST) out.push(failure('BAG_INVALID', name, `not listed in ${file}`));
      } else if (listed !== h.sha256) out.push(failure('DIGEST_MISMATCH', name, `SHA-256 ${h.sha256}, ${file} says ${listed}`));
    }
    for (const name of parsed.entries.keys()) if (!hashed.has(name)) out.push(failure('BAG_INVALID', name, `listed in ${file} but missing`));
  };
  compare(PAYLOAD_MANIFEST, manifest, payload, []);
  const tagFiles = [...hashed.entries()].filter(([n]) => !n.startsWith('data/') && n !== TAG_MANIFEST);
  compare(TAG_MANIFEST, tagManifest, tagFiles, ['bag-info.txt', PAYLOAD_MANIFEST, DEVICE_KEY_FILE, ENVELOPE_FILE]);
};
