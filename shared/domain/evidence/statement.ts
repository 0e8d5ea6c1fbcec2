import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { utf8ToBytes } from '../hash';

/**
 * The in-toto Statement v1 (github.com/in-toto/attestation, spec v1) the device signs: one
 * subject per payload file (its bag path and SHA-256) and a predicate saying what the bundle
 * is. Serialized as canonical JSON, so the same statement always has the same bytes.
 */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** A URN: a stable name for this predicate's schema (documented in the README), not a web address. */
export const PREDICATE_TYPE = 'urn:countersign:evidence-bundle:v1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const EvidencePredicate = z.object({
  /** The sales the bundle proves, in time order. */
  sales: z.array(z.string()),
  /** The dispute case it was made for, if any. */
  case: z.object({ caseId: z.string(), type: z.string() }).nullable(),
  deviceId: z.string(),
  /** Hex SHA-256 of the raw Ed25519 public key in device-key.pem. */
  keyFingerprint: Hex64,
  /** When the bundle was made, ISO 8601 UTC. */
  createdAt: z.string(),
  merchant: z.object({ name: z.string(), merchantId: z.string(), terminalId: z.string() }),
  /** The checkpoint every audit entry in the excerpt is proved into. */
  checkpoint: z.object({ origin: z.string(), size: z.number().int().nonnegative() }),
  generator: z.string(),
});
export type EvidencePredicate = z.infer<typeof EvidencePredicate>;

export const Subject = z.object({ name: z.string(), digest: z.object({ sha256: Hex64 }) });
export type Subject = z.infer<typeof Subject>;

export const Statement = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(Subject).min(1),
  predicateType: z.literal(PREDICATE_TYPE),
  predicate: EvidencePredicate,
});
export type Statement = z.infer<typeof Statement>;

export const buildStatement = (files: ReadonlyArray<{ path: string; sha256: string }>, predicate: EvidencePredicate): Statement => ({
  _type: STATEMENT_TYPE,
  subject: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ name: f.path, digest: { sha256: f.sha256 } })),
  predicateType: PREDICATE_TYPE,
  predicate,
});

export const statementBytes = (statement: Statement): Uint8Array => utf8ToBytes(canonicalJson(statement));
