import { hashEntry } from '../audit-chain';
import type { ChainEntry } from '../audit-chain';
import { inclusionProblem, openCheckpoint } from '../audit-proof';
import type { DeviceKeyRef, InclusionProof } from '../audit-proof';
import { featureCode, signatureDigest } from './digest';
import type { SignedSaleFields, StrokePoint } from './digest';

/**
 * 校验签名 (PRODUCT problem 2): whether a signature still vouches for its sale, and if not, which
 * check failed, each as its own typed problem with a stable code the screens translate, and the
 * remedies that fit. Pure: the caller reads the records, the audit entry of the signing with its
 * inclusion proof, and the checkpoint; the bundle verifier uses the same comparisons.
 */
export const SIGNED_FIELD_NAMES = ['saleId', 'kind', 'amountFen', 'last4', 'brand', 'merchantId', 'terminalId', 'authCode', 'rrn', 'stan', 'batch', 'createdAt'] as const satisfies ReadonlyArray<keyof SignedSaleFields>;

export type SignedFieldValue = SignedSaleFields[keyof SignedSaleFields];

export interface FieldChange {
  field: keyof SignedSaleFields;
  signed: SignedFieldValue;
  now: SignedFieldValue;
}

/** Each signed field whose value differs between the snapshot taken at signing and the sale now. */
export const changedFields = (signed: SignedSaleFields, now: SignedSaleFields): FieldChange[] =>
  SIGNED_FIELD_NAMES.filter((f) => signed[f] !== now[f]).map((field) => ({ field, signed: signed[field], now: now[field] }));

export type SignatureProblem =
  /** The sale's data changed after signing; `fields` is empty when the record has no snapshot to name them. */
  | { code: 'data-changed'; fields: FieldChange[] }
  | { code: 'record-missing' }
  | { code: 'strokes-missing' }
  /** The record does not add up: its snapshot and strokes give another digest, or it has none, or it differs from the one logged. */
  | { code: 'record-damaged'; reason: 'digest-mismatch' | 'no-digest' | 'not-as-logged' }
  | { code: 'audit-missing' }
  | { code: 'audit-damaged' }
  /** `pending`: logged after the last checkpoint; `no-checkpoint`: none yet; `not-in-tree`: the proof fails. */
  | { code: 'audit-not-checkpointed'; reason: 'pending' | 'no-checkpoint' | 'not-in-tree' | 'checkpoint-invalid' }
  | { code: 'checkpoint-foreign-key' }
  | { code: 'host-mac-rejected'; responseCode: string };

export type SignatureProblemCode = SignatureProblem['code'];

export type Remedy = 're-sign' | 'supplementary-signature' | 'sign-on-again' | 'register-explanation';

const REMEDIES: Record<SignatureProblemCode, readonly Remedy[]> = {
  'data-changed': ['re-sign', 'supplementary-signature', 'register-explanation'],
  'record-missing': ['supplementary-signature', 'register-explanation'],
  'strokes-missing': ['supplementary-signature', 'register-explanation'],
  'record-damaged': ['supplementary-signature', 'register-explanation'],
  'audit-missing': ['register-explanation'],
  'audit-damaged': ['register-explanation'],
  'audit-not-checkpointed': ['register-explanation'],
  'checkpoint-foreign-key': ['register-explanation'],
  'host-mac-rejected': ['sign-on-again'],
};

/** Host codes that mean the host rejected our MAC (A0; the console signs on again). */
const MAC_REJECTED = new Set(['A0']);

export interface SignatureUnderCheck {
  id: string;
  /** Null when the strokes are gone from the record (damaged). */
  strokes: StrokePoint[][] | null;
  digest: string | null;
  /** The signed fields as they were at signing; null for records made before the snapshot was kept. */
  signedFields: SignedSaleFields | null;
}

export interface SignatureCheckInput {
  /** Null when the signature record itself is missing. */
  signature: SignatureUnderCheck | null;
  /** The sale's signed fields as stored now. */
  saleNow: SignedSaleFields;
  /** The audit entry that recorded the signing (null when missing), its inclusion proof and a signed checkpoint. */
  audit: { entry: ChainEntry | null; proof: InclusionProof | null; checkpointNote: string | null };
  deviceKey: DeviceKeyRef;
  /** The host's last answer for this sale (field 39). */
  hostResponseCode: string | null;
}

export interface SignatureCheckResult {
  ok: boolean;
  /** Digest recomputed from the record (snapshot, else the sale now, with the strokes); null without strokes. */
  digest: string | null;
  featureCode: string | null;
  problems: SignatureProblem[];
  /** Remedies for all problems, each once, in a stable order. */
  remedies: Remedy[];
}

const auditProblems = (input: SignatureCheckInput): SignatureProblem[] => {
  const { entry, proof, checkpointNote } = input.audit;
  if (!entry) return [{ code: 'audit-missing' }];
  const out: SignatureProblem[] = [];
  if (hashEntry(entry) !== entry.hash) out.push({ code: 'audit-damaged' });
  const logged = entry.detail.digest;
  if (typeof logged === 'string' && input.signature && logged !== input.signature.digest) out.push({ code: 'record-damaged', reason: 'not-as-logged' });
  if (!checkpointNote) return [...out, { code: 'audit-not-checkpointed', reason: 'no-checkpoint' }];
  const opened = openCheckpoint(checkpointNote, input.deviceKey);
  if (!opened.ok) return [...out, opened.problem === 'foreign-key' ? { code: 'checkpoint-foreign-key' } : { code: 'audit-not-checkpointed', reason: 'checkpoint-invalid' }];
  if (entry.seq > opened.checkpoint.size) return [...out, { code: 'audit-not-checkpointed', reason: 'pending' }];
  if (!proof || inclusionProblem(entry, proof, opened.checkpoint) !== null) out.push({ code: 'audit-not-checkpointed', reason: 'not-in-tree' });
  return out;
};

const recordProblems = (sig: SignatureUnderCheck, saleNow: SignedSaleFields): { problems: SignatureProblem[]; digest: string | null } => {
  if (!sig.strokes || sig.strokes.length === 0 || sig.strokes.every((s) => s.length === 0)) return { problems: [{ code: 'strokes-missing' }], digest: null };
  const problems: SignatureProblem[] = [];
  const basis = sig.signedFields ?? saleNow;
  const digest = signatureDigest(basis, sig.strokes);
  if (!sig.digest) problems.push({ code: 'record-damaged', reason: 'no-digest' });
  if (sig.signedFields) {
    if (sig.digest && digest !== sig.digest) problems.push({ code: 'record-damaged', reason: 'digest-mismatch' });
    const fields = changedFields(sig.signedFields, saleNow);
    if (fields.length > 0) problems.push({ code: 'data-changed', fields });
  } else if (sig.digest && digest !== sig.digest) {
    // No snapshot: the stored digest only says that something changed, not what.
    problems.push({ code: 'data-changed', fields: [] });
  }
  return { problems, digest };
};

export const checkSignature = (input: SignatureCheckInput): SignatureCheckResult => {
  const problems: SignatureProblem[] = [];
  let digest: string | null = null;
  if (!input.signature) problems.push({ code: 'record-missing' });
  else {
    const record = recordProblems(input.signature, input.saleNow);
    problems.push(...record.problems);
    digest = record.digest;
  }
  problems.push(...auditProblems(input));
  const code = input.hostResponseCode?.trim().toUpperCase() ?? '';
  if (MAC_REJECTED.has(code)) problems.push({ code: 'host-mac-rejected', responseCode: code });
  const remedies = (['re-sign', 'supplementary-signature', 'sign-on-again', 'register-explanation'] as const).filter((r) => problems.some((p) => REMEDIES[p.code].includes(r)));
  return { ok: problems.length === 0, digest, featureCode: digest ? featureCode(digest) : null, problems, remedies };
};

/** The audit entry that recorded a signature (its detail names the signature), or null. */
export const signingEntry = (entries: readonly ChainEntry[], signatureId: string): ChainEntry | null =>
  entries.find((e) => e.detail.signatureId === signatureId) ?? null;
