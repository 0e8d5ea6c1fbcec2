import type { DeviceKeyRef, InclusionProof } from '../../../../shared/domain/audit-proof';
import type { StrokePoint } from '../../../../shared/domain/sale/digest';
import { checkSignature, signingEntry } from '../../../../shared/domain/sale/signature-check';
import type { Remedy, SignatureCheckResult, SignatureUnderCheck } from '../../../../shared/domain/sale/signature-check';
import { fromBase64, toBase64 } from '../../../../shared/domain/signed-note';
import type { Settings } from '../../../../shared/domain/settings';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { latestCheckpoint } from '../../data/audit-checkpoints-repo';
import { auditFor } from '../../data/audit-repo';
import { AuditTreeError, inclusionProof } from '../../data/audit-tree';
import type { CountersignDb } from '../../data/db';
import type { AuditEntry, CheckpointRecord, SignatureRecord, SignatureRemedyLink } from '../../data/records';
import { getSale } from '../../data/sales-repo';
import { signaturesFor } from '../../data/signatures-repo';
import { checkpointNow } from '../audit-checkpoints';
import { signatureFields } from '../signed-fields';

/**
 * 校验签名 for one sale (PRODUCT problem 2): reads the sale, its signature records, the audit
 * entries that recorded each signing, an RFC 9162 inclusion proof of each entry into the latest
 * signed checkpoint (asking main for a fresh checkpoint first when a signing came after the last
 * one), the device key and the host's last answer, and runs the one check
 * (`checkSignature`, shared/domain/sale/signature-check.ts) per customer signature.
 *
 * Used by the sale detail's Verify action, before every reprint, and by the evidence export
 * before it exports. Reads only, apart from the checkpoint main may sign (which is stored).
 *
 * API:
 *   verifySaleSignatures(deps, saleId) → Promise<SaleSignatureVerification>
 *   throws SignatureVerifyError('no-sale' | 'no-device-key'); storage errors propagate.
 */
export interface SignatureVerifyDeps {
  db: CountersignDb;
  /** Main: `device:identity`, and the checkpoint commands through services/audit-checkpoints.ts. */
  api: CountersignApi;
  /** The shop's merchant and terminal numbers are signed fields too. */
  settings: () => Pick<Settings, 'shop'>;
  now?: () => number;
}

/** A remedy recorded for a failed check: a new record or audit entry linked to the signature. */
export interface RecordedRemedy {
  remedy: Remedy;
  /** Unix ms. */
  at: number;
  actor: string;
  /** The new signature record (re-sign, supplementary, explanation); null for a sign-on. */
  recordId: string | null;
  result: 'ok' | 'fail';
}

export interface SignatureVerification {
  /** The signature checked; null when the sale reads signed but no record or audit entry names one. */
  signatureId: string | null;
  kind: 'original' | 'supplementary';
  /** When it was taken (its record, else its audit entry); null when neither is there. */
  capturedAt: number | null;
  /** The check: `ok`, the recomputed digest and feature code, each problem, the remedies that fit. */
  check: SignatureCheckResult;
  /** Set when this signature was itself taken as the remedy of another's failed check. */
  remedyOf: SignatureRemedyLink | null;
  /** Remedies recorded for this signature, oldest first (they do not make its check pass). */
  remedies: RecordedRemedy[];
}

export interface SaleSignatureVerification {
  saleId: string;
  /** Unix ms. */
  checkedAt: number;
  /** Every signature's check passed (also true when there is none to check: see `signatures`). */
  ok: boolean;
  /** The customer signatures (original and supplementary) in the order taken; empty for an unsigned, waived or paper-only sale. */
  signatures: SignatureVerification[];
  /** The checkpoint the audit entries were proved against; null when there is none. */
  checkpoint: Pick<CheckpointRecord, 'size' | 'signedAt'> | null;
  /** Why main did not sign a fresh checkpoint when one was needed (its reason or code); null otherwise. */
  checkpointRefused: string | null;
}

export class SignatureVerifyError extends Error {
  constructor(readonly reason: 'no-sale' | 'no-device-key', detail: string) {
    super(detail);
    this.name = 'SignatureVerifyError';
  }
}

const CHECKED_KINDS = new Set(['original', 'supplementary']);

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The strokes as stored, or null when they are not strokes any more (a damaged record). */
const strokesOf = (value: unknown): StrokePoint[][] | null => {
  if (!Array.isArray(value)) return null;
  const ok = value.every((s) => Array.isArray(s) && s.every((p: unknown) => typeof p === 'object' && p !== null && finite((p as StrokePoint).x) && finite((p as StrokePoint).y) && finite((p as StrokePoint).t)));
  return ok ? (value as StrokePoint[][]) : null;
};

const underCheck = (r: SignatureRecord): SignatureUnderCheck => ({
  id: r.id,
  strokes: strokesOf(r.strokes),
  digest: typeof r.digest === 'string' && r.digest ? r.digest : null,
  signedFields: r.signedFields && typeof r.signedFields === 'object' ? r.signedFields : null,
});

const isSigning = (e: AuditEntry): boolean => typeof e.detail.signatureId === 'string' && CHECKED_KINDS.has(String(e.detail.kind));

/**
 * The host's last answer for this sale, from its audit entries (the forwarding of an offline
 * sale may be answered A0 after it was signed); a sign-on that succeeded after it, recorded as
 * this sale's remedy, settles the MAC question.
 */
const hostCode = (entries: readonly AuditEntry[], stored: string | null): string | null => {
  let code: string | null = null;
  let seen = false;
  for (const e of entries) {
    if (typeof e.detail.responseCode === 'string') {
      code = e.detail.responseCode;
      seen = true;
    } else if (e.action === 'acquirer.sign-on' && e.result === 'ok') code = null;
  }
  return seen ? code : stored;
};

const remediesOf = (entries: readonly AuditEntry[], signatureId: string | null): RecordedRemedy[] =>
  entries
    .filter((e) => typeof e.detail.remedy === 'string' && (e.detail.remedyFor ?? null) === signatureId)
    .map((e) => ({ remedy: e.detail.remedy as Remedy, at: Date.parse(e.at), actor: e.actor, recordId: typeof e.detail.signatureId === 'string' ? e.detail.signatureId : null, result: e.result }));

const deviceKey = async (api: CountersignApi): Promise<DeviceKeyRef> => {
  const identity = await api.invoke('device:identity', {});
  const publicKey = identity.ok ? fromBase64(identity.value.publicKey) : null;
  if (!identity.ok || !publicKey) throw new SignatureVerifyError('no-device-key', identity.ok ? 'the device key is not base64' : (identity.error.reason ?? identity.error.code));
  return { deviceId: identity.value.deviceId, publicKey };
};

/** The latest checkpoint, fresh from main when a signing entry came after it. */
const checkpointCovering = async (deps: SignatureVerifyDeps, seq: number): Promise<{ checkpoint: CheckpointRecord | null; refused: string | null }> => {
  const latest = (await latestCheckpoint(deps.db)) ?? null;
  if (seq === 0 || (latest && latest.size >= seq)) return { checkpoint: latest, refused: null };
  const outcome = await checkpointNow(deps.db, deps.api);
  if (outcome.kind === 'signed' || outcome.kind === 'current') return { checkpoint: outcome.checkpoint, refused: null };
  return { checkpoint: latest, refused: outcome.kind === 'refused' ? (outcome.reason ?? outcome.code) : 'empty' };
};

const proofOf = async (db: CountersignDb, entry: AuditEntry | null, checkpoint: CheckpointRecord | null): Promise<InclusionProof | null> => {
  if (!entry || !checkpoint || entry.seq > checkpoint.size) return null;
  try {
    const path = await inclusionProof(db, entry.seq, checkpoint.size);
    return { seq: entry.seq, leafIndex: entry.seq - 1, treeSize: checkpoint.size, path: path.map(toBase64) };
  } catch (error) {
    // A tree node the proof needs is missing or damaged: the entry is not proved (the check says so).
    if (error instanceof AuditTreeError) return null;
    throw error;
  }
};

/** Checks every customer signature of the sale `saleId`; see the module comment. */
export const verifySaleSignatures = async (deps: SignatureVerifyDeps, saleId: string): Promise<SaleSignatureVerification> => {
  const sale = await getSale(deps.db, saleId);
  if (!sale) throw new SignatureVerifyError('no-sale', `no sale ${saleId}`);
  const [records, entries] = await Promise.all([signaturesFor(deps.db, saleId), auditFor(deps.db, saleId)]);
  const byId = new Map(records.map((r) => [r.id, r]));
  // Each customer signature a record or a signing entry names: a record whose row is gone still has its entry.
  const ids: string[] = [];
  for (const r of records) if (CHECKED_KINDS.has(r.kind)) ids.push(r.id);
  for (const e of entries.filter(isSigning)) if (!byId.has(e.detail.signatureId as string)) ids.push(e.detail.signatureId as string);
  const signings: Array<{ id: string | null; record: SignatureRecord | null; entry: AuditEntry | null }> = ids.map((id) => ({ id, record: byId.get(id) ?? null, entry: signingEntry(entries, id) }));
  // Signed, yet nothing names the signature and nothing was signed on paper: the record is missing.
  if (signings.length === 0 && sale.signatureState === 'signed' && !records.some((r) => r.kind === 'paper')) signings.push({ id: null, record: null, entry: null });
  const checkedAt = (deps.now ?? Date.now)();
  if (signings.length === 0) return { saleId, checkedAt, ok: true, signatures: [], checkpoint: null, checkpointRefused: null };

  const key = await deviceKey(deps.api);
  const { checkpoint, refused } = await checkpointCovering(deps, Math.max(0, ...signings.map((s) => s.entry?.seq ?? 0)));
  const saleNow = signatureFields(sale, deps.settings());
  const hostResponseCode = hostCode(entries, sale.responseCode);
  const signatures: SignatureVerification[] = [];
  for (const { id, record, entry } of signings) {
    const proof = await proofOf(deps.db, entry, checkpoint);
    const check = checkSignature({
      signature: record ? underCheck(record) : null,
      saleNow,
      audit: { entry, proof, checkpointNote: checkpoint?.note ?? null },
      deviceKey: key,
      hostResponseCode,
    });
    const kind = record?.kind ?? entry?.detail.kind;
    signatures.push({
      signatureId: id,
      kind: kind === 'supplementary' ? 'supplementary' : 'original',
      capturedAt: record?.createdAt ?? (entry ? Date.parse(entry.at) : null),
      check,
      remedyOf: record?.remedyFor ?? null,
      remedies: remediesOf(entries, id),
    });
  }
  return {
    saleId,
    checkedAt,
    ok: signatures.every((s) => s.check.ok),
    signatures,
    checkpoint: checkpoint ? { size: checkpoint.size, signedAt: checkpoint.signedAt } : null,
    checkpointRefused: refused,
  };
};
