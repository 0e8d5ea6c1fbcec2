import { hexToBytes } from '@noble/hashes/utils.js';
import type { ChainEntry } from './audit-chain';
import { leafHash, rootFromInclusion, equalHash } from './merkle';
import type { Hash } from './merkle';
import { fromBase64, openNote, parseCheckpoint } from './signed-note';
import type { Checkpoint } from './signed-note';

/**
 * How one audit entry is proved by a signed checkpoint, shared by the bundle verifier and the
 * per-sale signature check (one implementation). The Merkle tree's leaf i is entry seq i+1, and
 * its leaf input is the 32 bytes of the entry's own hash (hex-decoded), which already covers
 * every field of the entry and its link to the one before:
 *
 *   leaf(entry) = SHA-256(0x00 ‖ bytes(entry.hash))
 *
 * The checkpoint is a C2SP signed note by the device key, named `countersign/<deviceId>`,
 * whose origin line is that same name.
 */
export const auditLeafHash = (entry: Pick<ChainEntry, 'hash'>): Hash | null =>
  /^[0-9a-f]{64}$/.test(entry.hash) ? leafHash(hexToBytes(entry.hash)) : null;

export const deviceKeyName = (deviceId: string): string => `countersign/${deviceId}`;

export interface DeviceKeyRef {
  deviceId: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export type CheckpointProblem = 'malformed' | 'foreign-key' | 'bad-signature' | 'wrong-origin';

export type OpenedCheckpoint = { ok: true; checkpoint: Checkpoint } | { ok: false; problem: CheckpointProblem };

/**
 * The last note opened, with the key it was opened with: an export or a page of signature
 * checks opens the same checkpoint once per signature, and an Ed25519 verification each time
 * was a tenth of the evidence writer's work. A pure function of its inputs, so the answer is the same.
 */
let lastOpened: { note: string; deviceId: string; publicKey: Uint8Array; result: OpenedCheckpoint } | null = null;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Opens a checkpoint note with this device's key: its body, or why it cannot be trusted. */
export const openCheckpoint = (note: string, key: DeviceKeyRef): OpenedCheckpoint => {
  const last = lastOpened;
  if (last && last.note === note && last.deviceId === key.deviceId && sameBytes(last.publicKey, key.publicKey)) return last.result;
  const result = openCheckpointOnce(note, key);
  lastOpened = { note, deviceId: key.deviceId, publicKey: Uint8Array.from(key.publicKey), result };
  return result;
};

const openCheckpointOnce = (note: string, key: DeviceKeyRef): OpenedCheckpoint => {
  const name = deviceKeyName(key.deviceId);
  const opened = openNote(note, { name, publicKey: key.publicKey });
  if (!opened.ok) return { ok: false, problem: opened.problem === 'unknown-key' ? 'foreign-key' : opened.problem };
  const checkpoint = parseCheckpoint(opened.text);
  if (!checkpoint) return { ok: false, problem: 'malformed' };
  if (checkpoint.origin !== name) return { ok: false, problem: 'wrong-origin' };
  return { ok: true, checkpoint };
};

export interface InclusionProof {
  seq: number;
  leafIndex: number;
  treeSize: number;
  /** Base64 SHA-256 hashes, leaf side first (RFC 9162 audit path). */
  path: readonly string[];
}

export type InclusionProblem = 'wrong-position' | 'wrong-tree-size' | 'malformed' | 'not-in-tree';

/** Whether `proof` places `entry` in the tree `checkpoint` signed; null when it does. */
export const inclusionProblem = (entry: Pick<ChainEntry, 'seq' | 'hash'>, proof: InclusionProof, checkpoint: Checkpoint): InclusionProblem | null => {
  if (proof.seq !== entry.seq || proof.leafIndex !== entry.seq - 1) return 'wrong-position';
  if (proof.treeSize !== checkpoint.size) return 'wrong-tree-size';
  const leaf = auditLeafHash(entry);
  const path = proof.path.map(fromBase64);
  if (!leaf || path.some((p) => !p || p.length !== 32)) return 'malformed';
  const root = rootFromInclusion(proof.leafIndex, proof.treeSize, leaf, path as Uint8Array[]);
  return root && equalHash(root, checkpoint.rootHash) ? null : 'not-in-tree';
};
