import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consistencySpec, frontierNodes, leafHash, resolveProof, rootOfFrontier } from '../shared/domain/merkle';
import { TreeBuilder } from '../shared/domain/merkle-builder';
import type { Hash, NodeId } from '../shared/domain/merkle';
import { toBase64 } from '../shared/domain/signed-note';
import { CheckpointSigner } from '../electron/audit/checkpoint-signer';
import { DeviceKey } from '../electron/audit/device-key';
import { Journal } from '../electron/audit/journal';
import { silentLogger } from '../electron/services/logger';
import { memorySecrets } from '../test/fakes/test-core';
import { openBenchPage, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface AuditBenchWindow {
  countersignAuditBench?: {
    appendCompare(n: number, perTx: number, rounds: number): Promise<{ withTreeMs: number; withoutTreeMs: number }>;
    verify(n: number): Promise<{ seedMs: number; verifyMs: number; proofMs: number; ok: boolean; problems: number }>;
  };
}
declare const window: AuditBenchWindow;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/**
 * Main's half of a checkpoint at a million entries: verify the RFC 9162 consistency proof from
 * the last signed checkpoint and sign the new one (Ed25519, C2SP note), written to the data
 * folder. The tree is built in memory once (every perfect subtree kept, like the stored log).
 */
const checkpointAtMillion = async (n: number): Promise<{ medianMs: number; worstMs: number }> => {
  const levels: Hash[][] = [[]];
  const tree = new TreeBuilder();
  for (let i = 0; i < n; i++) {
    const data = new Uint8Array(32);
    new DataView(data.buffer).setUint32(0, i);
    levels[0]!.push(leafHash(data));
    tree.push(data).forEach((h, l) => (levels[l + 1] ??= []).push(h));
  }
  const node = (id: NodeId): Hash => levels[id.level]![id.index]!;
  const rootAt = (size: number): string => toBase64(rootOfFrontier(frontierNodes(size).map(node)));
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-checkpoint-'));
  try {
    const key = await DeviceKey.open(memorySecrets(9), dataDir);
    const journal = Journal.open({ dataDir, device: key.deviceId, logger: silentLogger });
    const signer = new CheckpointSigner(dataDir, key, journal);
    const steps = 21;
    const base = n - (steps - 1) * 50;
    signer.sign({ oldSize: 0, newSize: base, rootHash: rootAt(base), proof: [] }, 'bench');
    const times: number[] = [];
    for (let size = base + 50; size <= n; size += 50) {
      const request = { oldSize: size - 50, newSize: size, rootHash: rootAt(size), proof: resolveProof(consistencySpec(size - 50, size), node).map(toBase64) };
      const t = performance.now();
      signer.sign(request, 'bench');
      times.push(performance.now() - t);
    }
    journal.close();
    return { medianMs: median(times), worstMs: Math.max(...times) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/**
 * The signed audit log (issue 13): the append with the Merkle tree as a ratio to the append
 * before it (same run, same machine, in Chromium's IndexedDB), main's checkpoint at a million
 * entries, and a full verification of a million entries (entries, chain, tree, signatures).
 * BENCH_AUDIT_VERIFY_ENTRIES lowers the million for a quick run.
 */
export default async function auditBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const million = Number(process.env.BENCH_AUDIT_VERIFY_ENTRIES ?? 1_000_000);
  const cp = await checkpointAtMillion(million);
  rows.push({ id: 'audit.checkpoint', name: 'audit.checkpoint', value: cp.medianMs, unit: 'ms', target: 50 });
  rows.push({ id: 'audit.checkpoint-worst', name: `audit.checkpoint worst of 20 at ${million} entries`, value: cp.worstMs, unit: 'ms' });

  return withBrowserHost(async (page, host) => {
    await openBenchPage(page, host); // signs in with the launch token first (documents need the cookie)
    await page.waitForFunction(() => window.countersignAuditBench !== undefined);
    const batched = await page.evaluate(() => window.countersignAuditBench!.appendCompare(10_000, 1000, 4));
    rows.push({ id: 'audit.append', name: 'audit.append', value: batched.withTreeMs / batched.withoutTreeMs, unit: 'ratio', target: 1.2 });
    rows.push({ id: 'audit.append-tree-batched', name: 'audit.append with tree (1,000 per strict tx)', value: batched.withTreeMs * 1000, unit: 'µs/entry' });
    rows.push({ id: 'audit.append-before-tree-batched', name: 'audit.append before the tree (1,000 per strict tx)', value: batched.withoutTreeMs * 1000, unit: 'µs/entry' });
    const single = await page.evaluate(() => window.countersignAuditBench!.appendCompare(200, 1, 4));
    rows.push({ id: 'audit.append-single-ratio', name: 'audit.append ratio, one entry per strict tx', value: single.withTreeMs / single.withoutTreeMs, unit: 'ratio' });
    rows.push({ id: 'audit.append-tree-single', name: 'audit.append with tree, one entry per strict tx', value: single.withTreeMs, unit: 'ms/entry' });

    const v = await page.evaluate((n) => window.countersignAuditBench!.verify(n), million);
    if (!v.ok) throw new Error(`the seeded log did not verify (${v.problems} problems)`);
    rows.push({ id: 'audit.verify-1m', name: 'audit.verify-1m', value: v.verifyMs / 1000, unit: 's', target: 10 });
    rows.push({ id: 'audit.seed', name: `audit seed ${million} entries with tree (built in memory, bulk-added)`, value: v.seedMs / 1000, unit: 's' });
    rows.push({ id: 'audit.consistency-proof', name: `audit consistency proof read from the stored tree at ${million}`, value: v.proofMs, unit: 'ms' });
    return rows;
  });
}
