import type { IndexableType } from 'dexie';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ChainVerifier } from '../../../shared/domain/audit-chain';
import type { ChainProblem } from '../../../shared/domain/audit-chain';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import { fromBase64, openNote, parseCheckpoint, toBase64 } from '../../../shared/domain/signed-note';
import type { NoteProblem } from '../../../shared/domain/signed-note';
import { AUDIT_HEAD_KEY } from './audit-repo';
import type { AuditHead } from './audit-repo';
import { allCheckpoints } from './audit-checkpoints-repo';
import type { CountersignDb } from './db';
import type { CheckpointRecord } from './records';

/**
 * Full verification of the audit log (ARCHITECTURE "Integrity"), one pass over the entries in
 * seq order, a chunk per read transaction: every entry's hash, the chain, the Merkle tree
 * (recomputed from the entry hashes and compared with the stored nodes and the head), every
 * stored checkpoint's signature under the device key and its root against the entries, and
 * main's last signed checkpoint (kept outside IndexedDB) against the entries. Each problem
 * names what is wrong and where; the screen translates it.
 */
export type LogProblem =
  | { kind: 'chain'; problem: ChainProblem; seq: number; entryId: string | null; detail: string }
  /** A stored tree node does not match the entries (entry `seq` holds it). */
  | { kind: 'tree-node'; seq: number }
  /** The recorded head's tree does not match the entries. */
  | { kind: 'tree-head'; seq: number }
  /** A stored checkpoint's signature does not verify under the device key, or its note says something else. */
  | { kind: 'checkpoint-signature'; size: number; problem: NoteProblem | 'mismatch' }
  /** The entries up to `size` do not give the root that was signed: they were changed after signing. */
  | { kind: 'checkpoint-root'; size: number; source: 'local' | 'main' }
  /** A checkpoint covers more entries than the log has: entries were removed. */
  | { kind: 'checkpoint-beyond'; size: number; entries: number; source: 'local' | 'main' }
  /** Main's last checkpoint is not among the stored ones (they were deleted or never taken in). */
  | { kind: 'checkpoint-missing'; size: number };

export interface DeviceKeyRef {
  keyName: string;
  /** Base64 raw Ed25519 public key. */
  publicKey: string;
}

export interface LogVerdict {
  ok: boolean;
  entries: number;
  checkpointsChecked: number;
  /** The largest signed size the entries were proved against. */
  provenUpTo: number;
  problems: LogProblem[];
}

export interface VerifyLogOptions {
  /** The device key main reports; null checks no signature (and says so: no key, no proof). */
  device: DeviceKeyRef | null;
  /** Main's last signed checkpoint, outside IndexedDB. */
  mainLast: CheckpointRecord | null;
  chunkSize?: number;
  onProgress?: (entries: number) => void;
}

const checkSignature = (c: CheckpointRecord, device: DeviceKeyRef | null): LogProblem | null => {
  const publicKey = device ? fromBase64(device.publicKey) : null;
  if (!device || !publicKey) return { kind: 'checkpoint-signature', size: c.size, problem: 'unknown-key' };
  const opened = openNote(c.note, { name: device.keyName, publicKey });
  if (!opened.ok) return { kind: 'checkpoint-signature', size: c.size, problem: opened.problem };
  const body = parseCheckpoint(opened.text);
  if (!body || body.origin !== device.keyName || body.size !== c.size || toBase64(body.rootHash) !== c.rootHash) return { kind: 'checkpoint-signature', size: c.size, problem: 'mismatch' };
  return null;
};

export const verifyLog = async (db: CountersignDb, opts: VerifyLogOptions): Promise<LogVerdict> => {
  const problems: LogProblem[] = [];
  const stored = await allCheckpoints(db);
  const expected = new Map<number, Array<{ root: string; source: 'local' | 'main' }>>();
  const expect = (c: CheckpointRecord, source: 'local' | 'main'): void => {
    const list = expected.get(c.size) ?? [];
    list.push({ root: c.rootHash, source });
    expected.set(c.size, list);
  };
  for (const c of stored) {
    const bad = checkSignature(c, opts.device);
    if (bad) problems.push(bad);
    expect(c, 'local');
  }
  if (opts.mainLast) {
    const bad = checkSignature(opts.mainLast, opts.device);
    if (bad) problems.push(bad);
    if (!stored.some((c) => c.size === opts.mainLast?.size && c.rootHash === opts.mainLast.rootHash)) problems.push({ kind: 'checkpoint-missing', size: opts.mainLast.size });
    expect(opts.mainLast, 'main');
  }

  const chunk = Math.max(1, opts.chunkSize ?? 4000);
  const lookahead = 64;
  const chain = new ChainVerifier({ windowSize: Math.max(4096, chunk + lookahead) });
  const tree = new TreeBuilder();
  let provenUpTo = 0;
  let head: AuditHead | null = null;
  let chainOk = true;
  const read = (after: IndexableType) =>
    db.transaction('r', db.audit, db.settings, async () => {
      const rows = await db.audit.where('seq').above(after).limit(chunk + lookahead).toArray();
      const last = rows.length < chunk + lookahead;
      return { rows, last, head: last ? ((await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined) ?? null : null };
    });
  // The next chunk is read while this one is hashed: IndexedDB works on its own thread meanwhile.
  let pending = read(-Infinity);
  for (;;) {
    const current = await pending;
    const count = current.last ? current.rows.length : chunk;
    if (!current.last) pending = read(current.rows[count - 1]?.seq ?? -Infinity);
    const bad = chain.push(current.rows, count);
    const good = bad ? Math.max(0, bad.count - tree.size) : count;
    for (let i = 0; i < good; i++) {
      const e = current.rows[i];
      if (!e) break;
      const completed = tree.push(hexToBytes(e.hash));
      for (let level = 0; level < completed.length; level++) {
        if (e.tree?.[level] !== bytesToHex(completed[level] as Uint8Array)) {
          if (!problems.some((p) => p.kind === 'tree-node')) problems.push({ kind: 'tree-node', seq: e.seq });
          break;
        }
      }
      const wanted = expected.get(tree.size);
      if (wanted) {
        const root = toBase64(tree.root());
        for (const w of wanted) {
          if (w.root !== root) problems.push({ kind: 'checkpoint-root', size: tree.size, source: w.source });
          else provenUpTo = Math.max(provenUpTo, tree.size);
        }
      }
    }
    opts.onProgress?.(tree.size);
    if (bad) {
      problems.push({ kind: 'chain', problem: bad.problem, seq: bad.firstBadSeq, entryId: bad.entryId, detail: bad.detail });
      chainOk = false;
      // Let the read already under way finish before returning (its transaction is read-only).
      if (!current.last) await pending;
      break;
    }
    if (current.last) {
      head = current.head;
      break;
    }
  }
  if (chainOk) {
    const verdict = chain.finish(head ? { seq: head.seq, hash: head.hash } : null);
    if (!verdict.ok) problems.push({ kind: 'chain', problem: verdict.problem, seq: verdict.firstBadSeq, entryId: verdict.entryId, detail: verdict.detail });
    else if (head && head.frontier.join() !== tree.frontier().map(bytesToHex).join()) problems.push({ kind: 'tree-head', seq: head.seq });
  }
  // Sizes past the end are entries removed; after a chain problem the end is not known.
  if (chainOk) {
    for (const [size, list] of expected) {
      if (size > tree.size) for (const w of list) problems.push({ kind: 'checkpoint-beyond', size, entries: tree.size, source: w.source });
    }
  }
  return { ok: problems.length === 0, entries: tree.size, checkpointsChecked: stored.length + (opts.mainLast ? 1 : 0), provenUpTo, problems };
};
