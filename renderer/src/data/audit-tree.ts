import type { Transaction } from 'dexie';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { consistencySpec, inclusionSpec, leafHash, resolveProof, specNodes } from '../../../shared/domain/merkle';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import type { Hash, NodeId } from '../../../shared/domain/merkle';
import { AUDIT_HEAD_KEY } from './audit-repo';
import type { AuditHead } from './audit-repo';
import type { CountersignDb } from './db';
import type { AuditEntry } from './records';

/**
 * The audit log's Merkle tree as stored (audit-repo.ts): a perfect subtree {level, index} ends at
 * the entry seq = (index + 1)·2^level; its hash is that entry's `tree[level - 1]`, or for a leaf
 * SHA-256(0x00 ‖ the entry's hash). Proofs are RFC 9162: consistency proofs for checkpoints,
 * inclusion proofs of one entry into a checkpoint (evidence bundles, issue 14).
 */
export class AuditTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditTreeError';
  }
}

const lastSeqOf = (id: NodeId): number => (id.index + 1) * 2 ** id.level;

/** The stored hash of each perfect subtree asked for, read in one bulk get. */
export const subtreeHashes = async (db: CountersignDb, ids: readonly NodeId[]): Promise<Map<string, Hash>> => {
  const seqs = [...new Set(ids.map(lastSeqOf))];
  const rows = await db.audit.bulkGet(seqs);
  const bySeq = new Map<number, AuditEntry>();
  rows.forEach((row, i) => row && bySeq.set(seqs[i] as number, row));
  const out = new Map<string, Hash>();
  for (const id of ids) {
    const row = bySeq.get(lastSeqOf(id));
    const hex = !row ? undefined : id.level === 0 ? row.hash : row.tree?.[id.level - 1];
    if (!row || typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex)) throw new AuditTreeError(`tree node ${id.level}/${id.index} is missing (entry #${lastSeqOf(id)})`);
    out.set(`${id.level}:${id.index}`, id.level === 0 ? leafHash(hexToBytes(hex)) : hexToBytes(hex));
  }
  return out;
};

const resolve = async (db: CountersignDb, spec: NodeId[][]): Promise<Hash[]> => {
  const hashes = await subtreeHashes(db, specNodes(spec));
  return resolveProof(spec, (id) => hashes.get(`${id.level}:${id.index}`) as Hash);
};

/** RFC 9162 consistency proof from the tree at `oldSize` to the tree at `newSize`. */
export const consistencyProof = (db: CountersignDb, oldSize: number, newSize: number): Promise<Hash[]> => resolve(db, consistencySpec(oldSize, newSize));

/** RFC 9162 inclusion proof of the entry `seq` (leaf seq - 1) in the tree of `treeSize` entries. */
export const inclusionProof = (db: CountersignDb, seq: number, treeSize: number): Promise<Hash[]> => resolve(db, inclusionSpec(seq - 1, treeSize));

/** Inclusion proofs of several entries into one tree, their nodes read in one bulk get (an evidence export's excerpt). */
export const inclusionProofs = async (db: CountersignDb, seqs: readonly number[], treeSize: number): Promise<Hash[][]> => {
  const specs = seqs.map((seq) => inclusionSpec(seq - 1, treeSize));
  const hashes = await subtreeHashes(db, specs.flatMap(specNodes));
  return specs.map((spec) => resolveProof(spec, (id) => hashes.get(`${id.level}:${id.index}`) as Hash));
};

/**
 * Schema 3's upgrade: builds the tree over entries written before it existed, in chunks inside
 * the version-change transaction (every entry gets its `tree` nodes, the head its frontier).
 * Idempotent: it recomputes from the entry hashes and overwrites.
 */
export const buildTreeInUpgrade = async (tx: Transaction, chunk = 2000): Promise<void> => {
  const audit = tx.table<AuditEntry, number>('audit');
  const settings = tx.table<{ key: string; value: unknown; updatedAt: number }, string>('settings');
  const tree = new TreeBuilder();
  let after = 0;
  let last: AuditEntry | undefined;
  for (;;) {
    const rows = await audit.where('seq').above(after).limit(chunk).toArray();
    if (rows.length === 0) break;
    for (const row of rows) {
      const completed = tree.push(hexToBytes(row.hash));
      if (completed.length > 0) row.tree = completed.map(bytesToHex);
      else delete row.tree;
    }
    await audit.bulkPut(rows);
    last = rows[rows.length - 1];
    after = last?.seq ?? after;
  }
  const head = await settings.get(AUDIT_HEAD_KEY);
  if (!head || !last) return;
  const value = head.value as Partial<AuditHead>;
  await settings.put({ ...head, value: { seq: value.seq, hash: value.hash, frontier: tree.frontier().map(bytesToHex) } });
};
