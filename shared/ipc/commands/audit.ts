import { z } from 'zod';
import { UUID_V7 } from '../../domain/ids';
import { GrantId, PublicOperator } from './auth';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

/**
 * Main's side of the audit log (ARCHITECTURE "Integrity"): its own append-only, hash-chained
 * journal of what it applied (settings, training switches, master key, voids, refunds,
 * exemptions, key backups, sign-ins and refusals), which the renderer's audit log takes in; the
 * device's Ed25519 key; and signed checkpoints of the renderer's Merkle tree, which main signs
 * only as a consistent extension of the last one it signed.
 */
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits');
const Base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'expected a base64 SHA-256 hash');

/** One journal entry: the same shape and hash as an audit log entry (shared/domain/audit-chain.ts). */
export const JournalEntry = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  result: z.enum(['ok', 'fail']),
  device: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: Hex64,
  hash: Hex64,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** The device's identity: its Ed25519 public key and what to hand to a bank. */
export const DeviceIdentity = z.object({
  deviceId: z.string().regex(UUID_V7),
  /** Signed-note key name and checkpoint origin: `countersign/<deviceId>`. */
  keyName: z.string(),
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: z.string(),
  /** Hex SHA-256 of the raw public key (shown on About, printed on the key slip). */
  fingerprint: Hex64,
  /** C2SP verifier key: `<name>+<key hash>+<base64(0x01 ‖ key)>`. */
  verifierKey: z.string(),
  protectedByOs: z.boolean(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;

export const SignedCheckpoint = z.object({
  size: z.number().int().nonnegative(),
  rootHash: Base64Hash,
  /** The C2SP signed note (tlog-checkpoint body + the device's signature line). */
  note: z.string().max(2000),
  signedAt: z.string(),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

/** Why main would not sign a checkpoint (CONFLICT reasons); each refusal is journaled. */
export const CHECKPOINT_REFUSALS = ['checkpoint-stale', 'checkpoint-inconsistent', 'checkpoint-shrunk'] as const;

export const auditCommands = {
  /** Journal entries after `after` (seq), oldest first, and the journal's head. */
  'audit:journal': command(
    z.object({ after: z.number().int().nonnegative(), limit: z.number().int().min(1).max(1000).default(500) }).strict(),
    z.object({ entries: z.array(JournalEntry), head: z.object({ seq: z.number().int().nonnegative(), hash: Hex64 }) }),
  ),
  /**
   * Signs a checkpoint of the audit log's tree at `newSize` with root `rootHash`, given an RFC
   * 9162 consistency proof from main's last signed checkpoint (`oldSize` must be its size; 0
   * and an empty proof for the first). Refused (CONFLICT, CHECKPOINT_REFUSALS) otherwise.
   */
  'audit:checkpoint': command(
    z.object({ oldSize: z.number().int().nonnegative(), newSize: z.number().int().positive(), rootHash: Base64Hash, proof: z.array(Base64Hash).max(128) }).strict(),
    SignedCheckpoint,
  ),
  /** The last checkpoint main signed (kept in the data folder, outside IndexedDB) and the device key. */
  'audit:checkpoint-status': command(z.object({}).strict(), z.object({ last: SignedCheckpoint.nullable(), device: DeviceIdentity })),
  /** The device key's public half and fingerprint. */
  'device:identity': command(z.object({}).strict(), DeviceIdentity),
  /**
   * Writes every device secret (fingerprint key, offline seal key, master-key wrap, device
   * signing key) to `<data>/backups/keys-<time>.age`, age-encrypted (scrypt) under a passphrase
   * of at least 12 characters. The passphrase is never stored or logged.
   */
  'keys:export-backup': command(
    z.object({ passphrase: z.string().min(12).max(200) }).strict(),
    z.object({ file: z.string(), names: z.array(z.string()), createdAt: z.string() }),
  ),
  /** Records a manager's signature exemption for a sale, using the grant from `auth:approve`. */
  'sale:exempt-signature': command(
    z.object({ grantId: GrantId, saleId: z.string().regex(UUID_V7), reason: z.string().trim().min(1).max(500) }).strict(),
    z.object({ approvedBy: PublicOperator, at: z.string() }),
  ),
} satisfies Record<string, CommandSpec>;

export const auditEvents = {
  /** Main's journal has a new entry: a signed-in window takes it into the audit log. */
  'audit:journal-appended': z.object({ seq: z.number().int().positive() }),
};
