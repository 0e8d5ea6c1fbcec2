import { GENESIS_HASH, hashEntry } from '../audit-chain';
import type { ChainEntry } from '../audit-chain';
import { inclusionProblem, openCheckpoint } from '../audit-proof';
import type { DeviceKeyRef } from '../audit-proof';
import { featureCode, signatureDigest } from '../sale/digest';
import type { SignedSaleFields } from '../sale/digest';
import { changedFields, signingEntry } from '../sale/signature-check';
import { EXCERPT_FILE } from './layout';
import type { ExcerptFile, SaleFile, SignatureFile } from './layout';
import { failure } from './verify-failures';
import type { VerifyFailure } from './verify-failures';

/** The fields a sale file says the sale has now, in the shape signatures sign. */
export const signedFieldsOfSale = (sale: SaleFile): SignedSaleFields => ({
  saleId: sale.saleId,
  kind: sale.kind,
  amountFen: sale.amountFen,
  last4: sale.card?.last4 ?? '',
  brand: sale.card?.brand ?? 'unknown',
  merchantId: sale.merchantId,
  terminalId: sale.terminalId,
  authCode: sale.authCode,
  rrn: sale.rrn,
  stan: sale.stan,
  batch: sale.batch,
  createdAt: Date.parse(sale.createdAt),
});

const PROBLEM_TEXT = {
  malformed: 'the checkpoint is not a signed tlog-checkpoint note',
  'foreign-key': 'the checkpoint is not signed by the bundle key',
  'bad-signature': 'the checkpoint signature does not verify with the bundle key',
  'wrong-origin': 'the checkpoint origin is not this device',
} as const;

/**
 * The audit excerpt: each entry's own hash, the links between entries that follow each other,
 * the checkpoint's signature by the bundle key, and each entry's inclusion proof into it.
 */
export const verifyExcerpt = (excerpt: ExcerptFile, key: DeviceKeyRef, claimedSize: number | null): VerifyFailure[] => {
  const out: VerifyFailure[] = [];
  const entries = excerpt.entries as unknown as ChainEntry[];
  let prev: ChainEntry | null = null;
  for (const e of entries) {
    if (hashEntry(e) !== e.hash) out.push(failure('AUDIT_CHAIN_BROKEN', EXCERPT_FILE, `entry #${e.seq} does not match its hash (it was edited)`));
    if (prev && e.seq <= prev.seq) out.push(failure('AUDIT_CHAIN_BROKEN', EXCERPT_FILE, `entry #${e.seq} follows #${prev.seq}: entries are out of order or repeated`));
    else if (prev && e.seq === prev.seq + 1 && e.prevHash !== prev.hash) out.push(failure('AUDIT_CHAIN_BROKEN', EXCERPT_FILE, `entry #${e.seq} does not link to #${prev.seq}`));
    else if (e.seq === 1 && e.prevHash !== GENESIS_HASH) out.push(failure('AUDIT_CHAIN_BROKEN', EXCERPT_FILE, 'entry #1 does not start from the genesis hash'));
    prev = e;
  }
  const opened = openCheckpoint(excerpt.checkpoint, key);
  if (!opened.ok) return [...out, failure('CHECKPOINT_INVALID', EXCERPT_FILE, PROBLEM_TEXT[opened.problem])];
  const checkpoint = opened.checkpoint;
  if (claimedSize !== null && claimedSize !== checkpoint.size) {
    out.push(failure('CHECKPOINT_INVALID', EXCERPT_FILE, `the signed statement names a checkpoint of ${claimedSize} entries, the excerpt one of ${checkpoint.size}`));
  }
  const proofs = new Map<number, ExcerptFile['proofs'][number][]>();
  for (const p of excerpt.proofs) proofs.set(p.seq, [...(proofs.get(p.seq) ?? []), p]);
  for (const e of entries) {
    const mine = proofs.get(e.seq) ?? [];
    if (mine.length !== 1) {
      out.push(failure('CHECKPOINT_INVALID', EXCERPT_FILE, mine.length === 0 ? `entry #${e.seq} has no inclusion proof` : `entry #${e.seq} has ${mine.length} proofs`));
      continue;
    }
    const problem = inclusionProblem(e, mine[0] as ExcerptFile['proofs'][number], checkpoint);
    if (problem) out.push(failure('CHECKPOINT_INVALID', EXCERPT_FILE, `entry #${e.seq} is not proved by the checkpoint (${problem})`));
  }
  return out;
};

const show = (v: unknown): string => JSON.stringify(v) ?? 'undefined';

/**
 * A signature record against its sale: the digest recomputed from its signed-field snapshot
 * and strokes, the fields that differ from the sale now (each named), the feature code, and
 * the digest the audit log recorded when it was taken (when the log recorded one).
 */
export const verifySignatureFile = (file: string, sig: SignatureFile, sale: SaleFile | null, entries: readonly ChainEntry[]): VerifyFailure[] => {
  const out: VerifyFailure[] = [];
  const mismatch = (field: string, message: string): void => {
    out.push(failure('SIGNATURE_DIGEST_MISMATCH', file, `field ${field}: ${message}`, field));
  };
  if (!sale) return [failure('BAG_INVALID', file, `the bundle has no sale ${sig.saleId} for this signature`)];
  const hasStrokes = sig.strokes.some((s) => s.length > 0);
  if (sig.kind === 'original' || sig.kind === 'supplementary') {
    if (!hasStrokes) mismatch('strokes', 'the signature has no strokes');
    if (!sig.digest) mismatch('digest', 'the signature has no digest');
  }
  if (!hasStrokes || !sig.digest) return out;
  const now = signedFieldsOfSale(sale);
  const recomputed = signatureDigest(sig.signedFields ?? now, sig.strokes);
  const changed = sig.signedFields ? changedFields(sig.signedFields, now) : [];
  for (const c of changed) mismatch(c.field, `signed ${show(c.signed)}, the sale now has ${show(c.now)}`);
  if (recomputed !== sig.digest) {
    if (sig.signedFields || changed.length === 0) mismatch('digest', `the signed fields and strokes give ${recomputed.slice(0, 16)}…, the record says ${sig.digest.slice(0, 16)}…`);
  }
  if (sig.featureCode !== null && sig.featureCode !== featureCode(sig.digest)) mismatch('featureCode', `${sig.featureCode} is not the feature code of the digest (${featureCode(sig.digest)})`);
  const logged = signingEntry(entries, sig.signatureId)?.detail.digest;
  if (typeof logged === 'string' && logged !== sig.digest) mismatch('digest', 'not the digest the audit log recorded when the signature was taken');
  return out;
};
