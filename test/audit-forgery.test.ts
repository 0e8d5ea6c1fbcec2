import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { sealEntry } from '../shared/domain/audit-chain';
import { uuidv7 } from '../shared/domain/ids';
import { leafHash, rootOfLeaves, verifyConsistency, verifyInclusion } from '../shared/domain/merkle';
import { TreeBuilder } from '../shared/domain/merkle-builder';
import { fromBase64 } from '../shared/domain/signed-note';
import type { CountersignApi } from '../shared/ipc/contract';
import type { SignedCheckpoint } from '../shared/ipc/commands/audit';
import { registerAuditHandlers } from '../electron/audit/audit-handlers';
import { silentLogger } from '../electron/services/logger';
import { AUDIT_HEAD_KEY, appendAudit, auditTreeHead, verifyChain } from '../renderer/src/data/audit-repo';
import { consistencyProof, inclusionProof } from '../renderer/src/data/audit-tree';
import { verifyLog } from '../renderer/src/data/audit-verify';
import { CountersignDb } from '../renderer/src/data/db';
import type { AuditEntry } from '../renderer/src/data/records';
import { checkpointNow } from '../renderer/src/services/audit-checkpoints';
import { makeTestContext } from './fakes/test-core';
import type { TestContext } from './fakes/test-core';

/**
 * The forgery that passed before the log was signed (issue 13): delete an entry, re-hash
 * everything after it, rewrite the head. The chain still verifies, but not against the last
 * checkpoint main signed (it keeps that one outside IndexedDB), and main will not sign the
 * rewritten log.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setUp = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-forgery-'));
  const t: TestContext = await makeTestContext({ dataDir, logger: silentLogger });
  registerAuditHandlers(t.ctx);
  const sender = t.signedIn('manager');
  const api = {
    invoke: (command: string, request: unknown) => t.ctx.router.dispatch(command, request, sender),
    on: () => () => undefined,
  } as unknown as CountersignApi;
  const db = new CountersignDb(`forgery-${uuidv7()}`);
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), t.stop, () => db.delete());
  const status = async () => {
    const e = await api.invoke('audit:checkpoint-status', {});
    if (!e.ok) throw new Error('no status');
    return e.value;
  };
  const verify = async () => {
    const s = await status();
    return verifyLog(db, { device: s.device, mainLast: s.last, chunkSize: 7 });
  };
  const append = async (from: number, to: number) => {
    for (let i = from; i <= to; i++) await appendAudit(db, { actor: 'op', action: i === 12 ? 'refund.approved' : 'sale.approved', objectType: 'sale', objectId: `s${i}`, result: 'ok', detail: { amountFen: i * 100 } });
  };
  return { t, db, api, status, verify, append };
};

/** The attacker's rewrite: drop `seq`, renumber and re-hash what follows, rebuild the tree and head. */
const deleteAndRehash = async (db: CountersignDb, seq: number): Promise<void> => {
  const rows = await db.audit.orderBy('seq').toArray();
  const kept = rows.filter((r) => r.seq !== seq);
  const tree = new TreeBuilder();
  const rewritten: AuditEntry[] = [];
  let prev = '0'.repeat(64);
  for (const [i, r] of kept.entries()) {
    const { hash: _h, tree: _t, ...rest } = r;
    const e: AuditEntry = sealEntry({ ...rest, seq: i + 1, prevHash: prev });
    const done = tree.push(hexToBytes(e.hash));
    if (done.length > 0) e.tree = done.map(bytesToHex);
    rewritten.push(e);
    prev = e.hash;
  }
  await db.transaction('rw', db.audit, db.settings, db.auditCheckpoints, async () => {
    await db.audit.clear();
    await db.audit.bulkAdd(rewritten);
    await db.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: rewritten.length, hash: prev, frontier: tree.frontier().map(bytesToHex) }, updatedAt: Date.now() });
    // The careful attacker also removes the checkpoints stored beside the log.
    await db.auditCheckpoints.clear();
  });
};

describe('the signed audit log against the forgery', () => {
  it('verifies an honest log: entries, chain, tree, two checkpoints signed as consistent extensions', async () => {
    const { db, api, verify, append, status } = await setUp();
    await append(1, 30);
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'signed', checkpoint: { size: 30 } });
    await append(31, 35);
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'signed', checkpoint: { size: 35 } });
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'current', checkpoint: { size: 35 } });
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: true, entries: 35, provenUpTo: 35, problems: [] });
    // The stored tree gives proofs that check against the signed roots (evidence bundles use these).
    const last = (await status()).last as SignedCheckpoint;
    const root = fromBase64(last.rootHash)!;
    const entry12 = (await db.audit.get(12))!;
    expect(verifyInclusion(11, 35, leafHash(hexToBytes(entry12.hash)), await inclusionProof(db, 12, 35), root)).toBe(true);
    const rows = await db.audit.orderBy('seq').toArray();
    const root30 = rootOfLeaves(rows.slice(0, 30).map((r) => leafHash(hexToBytes(r.hash))));
    expect(verifyConsistency(30, 35, root30, root, await consistencyProof(db, 30, 35))).toBe(true);
  });

  it('finds the deleted refund even though the re-hashed chain verifies, and main will not sign the rewrite', async () => {
    const { t, db, api, verify, append } = await setUp();
    await append(1, 35);
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'signed', checkpoint: { size: 35 } });
    await deleteAndRehash(db, 12);
    // What passed before: the chain alone.
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 34 });
    // Against main's last signed checkpoint (outside IndexedDB) it fails, and says where.
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        { kind: 'checkpoint-missing', size: 35 },
        { kind: 'checkpoint-beyond', size: 35, entries: 34, source: 'main' },
      ]),
    );
    // Padding the log back to 35 entries gives another tree: the signed root does not match.
    await appendAudit(db, { actor: 'op', action: 'sale.approved', objectType: 'sale', objectId: 'padding', result: 'ok' });
    expect((await auditTreeHead(db)).seq).toBe(35);
    expect((await verify()).problems).toEqual(expect.arrayContaining([{ kind: 'checkpoint-root', size: 35, source: 'main' }]));
    // Main refuses to sign the rewritten history, and journals the refusal.
    await appendAudit(db, { actor: 'op', action: 'sale.approved', objectType: 'sale', objectId: 'more', result: 'ok' });
    expect(await checkpointNow(db, api)).toMatchObject({ kind: 'refused', code: 'CONFLICT', reason: 'checkpoint-inconsistent' });
    const refusals = t.ctx.journal.since(0, 1000).filter((e) => e.action === 'audit.checkpoint-refused');
    expect(refusals.map((e) => [e.detail.reason, e.detail.lastSize])).toEqual([['checkpoint-inconsistent', 35]]);
  });

  it('names an edited entry, a tampered tree node, an edited head frontier and a forged checkpoint signature', async () => {
    const { db, api, verify, append } = await setUp();
    await append(1, 20);
    await checkpointNow(db, api);
    const e5 = (await db.audit.get(5))!;
    await db.audit.put({ ...e5, detail: { amountFen: 1 } });
    expect((await verify()).problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'chain', problem: 'edited', seq: 5 })]));
    await db.audit.put(e5);
    const e8 = (await db.audit.get(8))!;
    await db.audit.put({ ...e8, tree: ['0'.repeat(64), ...(e8.tree ?? []).slice(1)] });
    expect((await verify()).problems).toEqual([{ kind: 'tree-node', seq: 8 }]);
    await db.audit.put(e8);
    const head = (await db.settings.get(AUDIT_HEAD_KEY))!;
    const value = head.value as { frontier: string[] };
    await db.settings.put({ ...head, value: { ...value, frontier: ['f'.repeat(64), ...value.frontier.slice(1)] } });
    expect((await verify()).problems).toEqual([{ kind: 'tree-head', seq: 20 }]);
    await db.settings.put(head);
    // A signature byte changed (its base64 near the end of the signature line).
    const stored = (await db.auditCheckpoints.get(20))!;
    const at = stored.note.length - 10;
    const flipped = stored.note.slice(0, at) + (stored.note[at] === 'A' ? 'B' : 'A') + stored.note.slice(at + 1);
    await db.auditCheckpoints.put({ ...stored, note: flipped });
    expect((await verify()).problems).toEqual([{ kind: 'checkpoint-signature', size: 20, problem: 'bad-signature' }]);
  });
});
