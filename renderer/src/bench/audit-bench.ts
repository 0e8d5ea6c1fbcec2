import { ed25519 } from '@noble/curves/ed25519.js';
import { EMPTY_HEAD, sealEntry } from '../../../shared/domain/audit-chain';
import type { ChainHead } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import { formatCheckpoint, signNote, toBase64 } from '../../../shared/domain/signed-note';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { saveCheckpoint } from '../data/audit-checkpoints-repo';
import { AUDIT_HEAD_KEY, appendAudit } from '../data/audit-repo';
import { consistencyProof } from '../data/audit-tree';
import { verifyLog } from '../data/audit-verify';
import { CountersignDb } from '../data/db';
import type { AuditEntry, CheckpointRecord } from '../data/records';

/**
 * Audit log benchmarks in Chromium's real IndexedDB (bench/audit.bench.ts drives them):
 * the append with the Merkle tree against the append as it was before the tree (kept here, for
 * the comparison only), and a full verification of a million entries with signed checkpoints.
 */
const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const input = (i: number) => ({ actor: 'bench', action: 'sale.approved', objectType: 'sale', objectId: `s${i}`, result: 'ok' as const, detail: { amountFen: i } });

/** The append before the tree (issue 13): chain only, one head read, one add, one head write. */
const appendWithoutTree = async (db: CountersignDb, i: number, now: number): Promise<void> => {
  const head = ((await db.settings.get('bench.old-head'))?.value as ChainHead | undefined) ?? EMPTY_HEAD;
  const entry: AuditEntry = sealEntry({ seq: head.seq + 1, id: uuidv7(now), at: new Date(now).toISOString(), ...input(i), device: 'bench', prevHash: head.hash });
  await Promise.all([db.audit.add(entry), db.settings.put({ key: 'bench.old-head', value: { seq: entry.seq, hash: entry.hash }, updatedAt: now })]);
};

/**
 * Appends `n` entries both ways, `perTx` per strict transaction, `rounds` times; the two take
 * turns transaction by transaction (and swap who goes first), so both see the same machine load.
 * Returns milliseconds per entry of each.
 */
const appendCompare = async (n: number, perTx: number, rounds: number): Promise<{ withTreeMs: number; withoutTreeMs: number }> => {
  const treeDb = new CountersignDb(`bench-audit-tree-${Date.now()}`);
  const oldDb = new CountersignDb(`bench-audit-old-${Date.now()}`);
  await Promise.all([treeDb.open(), oldDb.open()]);
  let withTree = 0;
  let withoutTree = 0;
  let i = 0;
  const treeTx = (from: number, to: number) =>
    time(() =>
      treeDb.transaction('rw', treeDb.audit, treeDb.settings, async () => {
        for (let k = from; k < to; k++) await appendAudit(treeDb, input(k));
      }),
    );
  const oldTx = (from: number, to: number) =>
    time(() =>
      oldDb.transaction('rw', oldDb.audit, oldDb.settings, async () => {
        for (let k = from; k < to; k++) await appendWithoutTree(oldDb, k, Date.now());
      }),
    );
  for (let r = 0; r < rounds; r++) {
    for (let start = 0; start < n; start += perTx) {
      const from = i + start;
      const to = i + Math.min(n, start + perTx);
      if ((start / perTx + r) % 2 === 0) {
        withTree += await treeTx(from, to);
        withoutTree += await oldTx(from, to);
      } else {
        withoutTree += await oldTx(from, to);
        withTree += await treeTx(from, to);
      }
    }
    i += n;
  }
  treeDb.close();
  oldDb.close();
  await Promise.all([CountersignDb.delete(treeDb.name), CountersignDb.delete(oldDb.name)]);
  return { withTreeMs: withTree / (n * rounds), withoutTreeMs: withoutTree / (n * rounds) };
};

/** A bench signing key (RFC 8032 test 1's secret): what main's device key does, in the page. */
const SEED = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const KEY_NAME = 'countersign/bench';

/**
 * Seeds `n` entries as `appendAudit` would write them (chain, tree nodes, head with the frontier),
 * built in memory and bulk-added (relaxed durability: a bulk load; a million one-by-one appends
 * would take the bench an hour), with a signed checkpoint every n/4; then verifies everything.
 */
const verify = async (n: number): Promise<{ seedMs: number; verifyMs: number; proofMs: number; ok: boolean; problems: number }> => {
  const db = new CountersignDb(`bench-audit-verify-${Date.now()}`, 'relaxed');
  await db.open();
  const checkpoints: CheckpointRecord[] = [];
  const seedMs = await time(async () => {
    const tree = new TreeBuilder();
    let prev = EMPTY_HEAD.hash;
    const t0 = Date.UTC(2026, 0, 1);
    for (let start = 0; start < n; start += 10_000) {
      const batch: AuditEntry[] = [];
      for (let i = start; i < Math.min(n, start + 10_000); i++) {
        const e: AuditEntry = sealEntry({ seq: i + 1, id: uuidv7(t0 + i), at: new Date(t0 + i).toISOString(), ...input(i), device: 'bench', prevHash: prev });
        const done = tree.push(hexToBytes(e.hash));
        if (done.length > 0) e.tree = done.map(bytesToHex);
        prev = e.hash;
        batch.push(e);
        if ((i + 1) % Math.max(1, Math.floor(n / 4)) === 0 || i + 1 === n) {
          const rootHash = tree.root();
          const note = signNote(formatCheckpoint({ origin: KEY_NAME, size: i + 1, rootHash }), KEY_NAME, SEED);
          checkpoints.push({ size: i + 1, rootHash: toBase64(rootHash), note, signedAt: new Date().toISOString() });
        }
      }
      await db.audit.bulkAdd(batch);
    }
    await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: n, hash: prev, frontier: tree.frontier().map(bytesToHex) }, updatedAt: Date.now() });
    for (const c of checkpoints) await saveCheckpoint(db, c);
  });
  const last = checkpoints[checkpoints.length - 1] ?? null;
  const device = { keyName: KEY_NAME, publicKey: toBase64(ed25519.getPublicKey(SEED)) };
  let ok = false;
  let problems = 0;
  const verifyMs = await time(async () => {
    const verdict = await verifyLog(db, { device, mainLast: last });
    ok = verdict.ok && verdict.entries === n && verdict.provenUpTo === n;
    problems = verdict.problems.length;
  });
  // The renderer's half of a checkpoint: the consistency proof from 1,000 entries back, read from the stored tree.
  const proofMs = await time(() => consistencyProof(db, n - 1000, n));
  db.close();
  await CountersignDb.delete(db.name);
  return { seedMs, verifyMs, proofMs, ok, problems };
};

declare global {
  interface Window {
    countersignAuditBench?: { appendCompare: typeof appendCompare; verify: typeof verify };
  }
}

window.countersignAuditBench = { appendCompare, verify };

