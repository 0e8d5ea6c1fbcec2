import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { equalHash, verifyConsistency } from '../../shared/domain/merkle';
import { formatCheckpoint, fromBase64 } from '../../shared/domain/signed-note';
import { SignedCheckpoint } from '../../shared/ipc/commands/audit';
import { CommandError } from '../../shared/ipc/envelope';
import { writeFileAtomic } from '../services/atomic-file';
import type { DeviceKey } from './device-key';
import type { Journal } from './journal';

/**
 * Signs checkpoints of the audit log's Merkle tree (C2SP tlog-checkpoint as a signed note),
 * and keeps the last one it signed in `<data>/audit/checkpoint.json`, outside IndexedDB. A new
 * checkpoint is signed only with an RFC 9162 consistency proof, verified here, that the new
 * tree extends that one: a history rewritten in IndexedDB (an entry deleted and the rest
 * re-hashed) has a different tree and can never get a new signature. Refusals are journaled.
 */
export interface CheckpointRequest {
  oldSize: number;
  newSize: number;
  /** Base64 SHA-256 root of the tree at newSize. */
  rootHash: string;
  proof: string[];
}

export class CheckpointSigner {
  readonly file: string;
  private lastSigned: SignedCheckpoint | null;

  constructor(
    dataDir: string,
    private readonly key: DeviceKey,
    private readonly journal: Journal,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, 'audit', 'checkpoint.json');
    this.lastSigned = this.load();
  }

  private load(): SignedCheckpoint | null {
    if (!existsSync(this.file)) return null;
    const parsed = SignedCheckpoint.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is damaged; it was kept as it is. Restore it from a backup.`);
    return parsed.data;
  }

  last(): SignedCheckpoint | null {
    return this.lastSigned;
  }

  sign(req: CheckpointRequest, actor: string): SignedCheckpoint {
    const last = this.lastSigned;
    const root = fromBase64(req.rootHash);
    const proof = req.proof.map(fromBase64);
    if (!root || root.length !== 32 || proof.some((p) => !p || p.length !== 32)) throw new CommandError('VALIDATION', 'root and proof must be base64 SHA-256 hashes');
    const oldSize = last?.size ?? 0;
    if (req.oldSize !== oldSize) {
      // Another window signed in between, or the renderer's idea of the last checkpoint is stale.
      throw new CommandError('CONFLICT', `the last signed checkpoint is at ${oldSize}, not ${req.oldSize}`, 'checkpoint-stale');
    }
    if (last && req.newSize < last.size) return this.refuse('checkpoint-shrunk', req, actor, `the log has ${req.newSize} entries but ${last.size} were signed`);
    if (last) {
      const lastRoot = fromBase64(last.rootHash) ?? new Uint8Array(0);
      if (req.newSize === last.size) {
        if (equalHash(lastRoot, root) && req.proof.length === 0) return last;
        return this.refuse('checkpoint-inconsistent', req, actor, `the tree at ${last.size} is not the one signed`);
      }
      if (!verifyConsistency(last.size, req.newSize, lastRoot, root, proof as Uint8Array[])) {
        return this.refuse('checkpoint-inconsistent', req, actor, `the tree at ${req.newSize} does not extend the one signed at ${last.size}`);
      }
    } else if (req.proof.length > 0) {
      return this.refuse('checkpoint-inconsistent', req, actor, 'a first checkpoint has no proof');
    }
    const note = this.key.signNote(formatCheckpoint({ origin: this.key.keyName, size: req.newSize, rootHash: root }));
    const signed: SignedCheckpoint = { size: req.newSize, rootHash: req.rootHash, note, signedAt: new Date(this.now()).toISOString() };
    writeFileAtomic(this.file, `${JSON.stringify(signed, null, 1)}\n`);
    this.lastSigned = signed;
    return signed;
  }

  private refuse(reason: 'checkpoint-shrunk' | 'checkpoint-inconsistent', req: CheckpointRequest, actor: string, message: string): never {
    this.journal.append({
      actor,
      action: 'audit.checkpoint-refused',
      objectType: 'checkpoint',
      objectId: String(req.newSize),
      result: 'fail',
      detail: { reason, oldSize: req.oldSize, newSize: req.newSize, rootHash: req.rootHash, lastSize: this.lastSigned?.size ?? 0, lastRootHash: this.lastSigned?.rootHash ?? null },
    });
    throw new CommandError('CONFLICT', message, reason);
  }
}
