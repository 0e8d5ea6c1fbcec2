import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { GENESIS_HASH, sealEntry } from '../../../shared/domain/audit-chain';
import type { ChainEntry } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import type { JournalEntry } from '../../../shared/ipc/commands/audit';
import { takeJournalEntries, journalCursor } from './audit-journal-repo';
import { AUDIT_HEAD_KEY, auditTreeHead, verifyChain } from './audit-repo';
import { verifyLog } from './audit-verify';
import { CountersignDb } from './db';
import { legacyOperators, listOperators, mirrorOperators } from './operators-repo';
import { SCHEMA_V1 } from './schema';

/** A database as schema 1 left it: operators with PIN hashes, entries without tree nodes. */
class V1 extends Dexie {
  operators!: Table<Record<string, unknown>, string>;
  audit!: Table<ChainEntry, number>;
  settings!: Table<{ key: string; value: unknown; updatedAt: number }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
  }
}

const chain = (n: number): ChainEntry[] => {
  const out: ChainEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    out.push(sealEntry({ seq, id: uuidv7(), at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), actor: 'op', action: 'sale.approved', objectType: 'sale', objectId: `s${seq}`, result: 'ok', device: 'dev', detail: {}, prevHash: out[seq - 2]?.hash ?? GENESIS_HASH }));
  }
  return out;
};

describe('schema 3 upgrade', () => {
  it('moves PIN hashes out of operators (kept once for main) and builds the Merkle tree over old entries', async () => {
    const name = `v3-${uuidv7()}`;
    const v1 = new V1(name);
    const op = { id: uuidv7(), name: 'Wang', role: 'manager', createdAt: 1, disabled: false, pinHash: 'h'.repeat(44), pinSalt: 's'.repeat(24), pinIterations: 600_000 };
    await v1.operators.add(op);
    const entries = chain(37);
    await v1.audit.bulkAdd(entries);
    await v1.settings.put({ key: AUDIT_HEAD_KEY, value: { seq: 37, hash: entries[36]!.hash }, updatedAt: 1 });
    v1.close();

    const db = new CountersignDb(name);
    expect(await db.operators.toArray()).toEqual([{ id: op.id, name: 'Wang', role: 'manager', createdAt: 1, disabled: false }]);
    expect(await legacyOperators(db)).toEqual([op]);
    const tree = new TreeBuilder();
    const expected = entries.map((e) => tree.push(hexToBytes(e.hash)).map(bytesToHex));
    const rows = await db.audit.orderBy('seq').toArray();
    expect(rows.map((r) => r.tree ?? [])).toEqual(expected);
    expect((await auditTreeHead(db)).frontier).toEqual(tree.frontier().map(bytesToHex));
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 37 });
    expect(await verifyLog(db, { device: null, mainLast: null })).toMatchObject({ ok: true, entries: 37 });
    db.close();
  });
});

describe('operators mirror', () => {
  it('follows main’s list: adds, renames, disables and removes, without PIN fields', async () => {
    const db = new CountersignDb(`ops-${uuidv7()}`);
    const a = { id: uuidv7(), name: 'Wang', role: 'manager' as const, disabled: false, createdAt: 1 };
    const b = { id: uuidv7(), name: 'Li', role: 'cashier' as const, disabled: false, createdAt: 2 };
    await mirrorOperators(db, [a, b]);
    expect((await listOperators(db)).map((o) => o.name)).toEqual(['Li', 'Wang']);
    await mirrorOperators(db, [{ ...a, name: 'Li' }, { ...b, name: 'Zhou', disabled: true }]);
    expect(await listOperators(db)).toEqual([
      { ...a, name: 'Li' },
      { ...b, name: 'Zhou', disabled: true },
    ]);
    await mirrorOperators(db, [a]);
    expect(await listOperators(db)).toEqual([a]);
  });
});

describe('journal intake', () => {
  const journal = (n: number, device = 'main-dev'): JournalEntry[] => chain(n).map((e) => ({ ...e, device, actor: 'mgr', action: e.seq % 2 ? 'settings.change' : 'auth.refused' }));

  it('takes main’s entries once each, in order, keeping main’s seq and hash; two windows never double them', async () => {
    const db = new CountersignDb(`intake-${uuidv7()}`);
    const j = journal(6);
    const head = { seq: 6, hash: j[5]!.hash };
    const [first, second] = await Promise.all([takeJournalEntries(db, j.slice(0, 4), head), takeJournalEntries(db, j.slice(0, 4), head)]);
    expect(first + second).toBe(4);
    expect(await takeJournalEntries(db, j, head)).toBe(2);
    const rows = await db.audit.orderBy('seq').toArray();
    expect(rows.map((r) => [r.action, (r.detail.journal as { seq: number }).seq])).toEqual(j.map((e) => [e.action, e.seq]));
    expect(rows[0]?.detail.journal).toMatchObject({ hash: j[0]!.hash, device: 'main-dev' });
    expect(await journalCursor(db)).toEqual(head);
  });

  it('records a discontinuity when main’s journal starts again, then takes the new one', async () => {
    const db = new CountersignDb(`intake-${uuidv7()}`);
    const old = journal(5);
    await takeJournalEntries(db, old, { seq: 5, hash: old[4]!.hash });
    const fresh = journal(2, 'other');
    expect(await takeJournalEntries(db, [], { seq: 2, hash: fresh[1]!.hash })).toBe(0);
    expect(await takeJournalEntries(db, fresh, { seq: 2, hash: fresh[1]!.hash })).toBe(2);
    const actions = (await db.audit.orderBy('seq').toArray()).map((r) => r.action);
    expect(actions.slice(5)).toEqual(['journal.discontinuity', 'settings.change', 'auth.refused']);
  });
});
