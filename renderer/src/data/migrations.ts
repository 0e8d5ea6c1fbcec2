import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { CHARGED, UNCHARGED_END } from '../../../shared/domain/sale/sale-state';
import type { SaleState } from '../../../shared/domain/sale/sale-state';
import { buildTreeInUpgrade } from './audit-tree';
import type { LegacyOperatorRecord, OperatorRecord, SaleRecord } from './records';
import type { Contribution } from './sale-totals';
import { contributions } from './sale-totals';
import { SCHEMA_CASES, SCHEMA_V1, SCHEMA_V3_CHANGES, SCHEMA_EOD } from './schema';

/**
 * The migration pattern: each version lists its changed stores; when a version moves data it adds
 * `.upgrade(tx => ...)`, written to be idempotent and walked with a cursor (`modify`), never read
 * as a whole-table array.
 */

/** The v1 shape of the fields v2 adds or re-reads. */
interface V1Sale {
  state: SaleState;
  signatureState: string;
  linkId?: string | null;
  forwardAttempts?: number;
  reversalCode?: string | null;
  signatureForced?: boolean;
}

/**
 * v2 (issue 12): sales say which link took them (`linkId`; unknown for v1 rows, which are
 * therefore never settled automatically), count their advice sends and keep a refused reversal's
 * answer. Signature states become facts: a charged sale still `pending` is `unsigned` (it was left
 * before its signature), and one that ended uncharged needs no signature. The running counts move
 * with the rows, in the same upgrade transaction.
 */
const upgradeToV2 = async (tx: Transaction): Promise<void> => {
  const deltas: Record<string, number> = {};
  const move = (from: string, to: string): void => {
    deltas[from] = (deltas[from] ?? 0) - 1;
    deltas[to] = (deltas[to] ?? 0) + 1;
  };
  await tx
    .table<V1Sale, string>('sales')
    .toCollection()
    .modify((s) => {
      s.linkId ??= null;
      s.forwardAttempts ??= 0;
      s.reversalCode ??= null;
      s.signatureForced ??= false;
      if (s.signatureState !== 'pending') return;
      const next = CHARGED.includes(s.state) ? 'unsigned' : UNCHARGED_END.includes(s.state) ? 'not-required' : null;
      if (!next) return;
      move(`signature:pending`, `signature:${next}`);
      s.signatureState = next;
    });
  const counters = tx.table<{ key: string; value: number }, string>('counters');
  for (const [key, delta] of Object.entries(deltas)) {
    const row = await counters.get(key);
    await counters.put({ key, value: (row?.value ?? 0) + delta });
  }
  await tx.table('settings').delete('sales.interrupted-checked-until');
};

/** Schema 3: PIN hashes leave `operators` for `operatorImport`, until main has them (operator-session). */
const stageLegacyOperators = async (tx: Transaction): Promise<void> => {
  const operators = tx.table<OperatorRecord & Partial<LegacyOperatorRecord>, string>('operators');
  const legacy = (await operators.toArray()).filter((op): op is LegacyOperatorRecord => typeof op.pinHash === 'string');
  if (legacy.length === 0) return;
  await tx.table<LegacyOperatorRecord, string>('operatorImport').bulkPut(legacy);
  await operators.bulkPut(legacy.map(({ id, name, role, createdAt, disabled }) => ({ id, name, role, createdAt, disabled })));
};

/**
 * v4 (issue 16): end of day and reconciliation, new stores only. The running totals of the sales
 * already recorded are built once, streaming the sales by cursor (never a whole-table array) and
 * replacing whatever totals exist, so running it again gives the same rows.
 */
export const buildRunningTotals = async (tx: Transaction): Promise<void> => {
  const sums = new Map<string, Contribution>();
  await tx
    .table<SaleRecord, string>('sales')
    .toCollection()
    .each((s) => {
      for (const c of contributions(s)) {
        const t = sums.get(c.key);
        if (t) {
          t.count += c.count;
          t.amountFen += c.amountFen;
        } else sums.set(c.key, { ...c });
      }
    });
  const totals = tx.table('totals');
  await totals.clear();
  const rows = [...sums.values()];
  for (let i = 0; i < rows.length; i += 5000) await totals.bulkPut(rows.slice(i, i + 5000));
};

/** The first case model's row (schema 1-4): one sale, open or closed. */
interface V1Case {
  saleId: string | null;
  state: 'open' | 'closed';
  createdAt: number;
  saleIds?: string[];
  status?: string;
  origin?: string;
  reason?: unknown;
  notice?: unknown;
  complaintAt?: number;
  evidence?: unknown;
}

/**
 * v7 (issue 15): cases gain their list of sales and a status (an open case stays open; a closed one
 * was closed without a decision recorded, so it reads as withdrawn). Walked by cursor; a field
 * already there is kept, so running it again changes nothing.
 */
export const upgradeCasesToV7 = (tx: Transaction): Promise<number> =>
  tx
    .table<V1Case, string>('cases')
    .toCollection()
    .modify((c) => {
      c.saleIds ??= c.saleId ? [c.saleId] : [];
      c.status ??= c.state === 'open' ? 'open' : 'withdrawn';
      c.origin ??= 'sale';
      c.reason ??= null;
      c.notice ??= null;
      c.complaintAt ??= c.createdAt;
      c.evidence ??= null;
    });

export const applyMigrations = (db: Dexie): void => {
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores({}).upgrade(upgradeToV2);
  // Schema 3 (issue 13): the audit log's Merkle tree over existing entries, signed checkpoints,
  // and PIN hashes moved out of `operators` (main holds PINs now).
  db.version(3)
    .stores(SCHEMA_V3_CHANGES)
    .upgrade(async (tx) => {
      await stageLegacyOperators(tx);
      await buildTreeInUpgrade(tx);
    });
  // Schema 4 (issue 16): end of day and reconciliation stores, and running totals of the sales already recorded.
  db.version(4).stores(SCHEMA_EOD).upgrade(buildRunningTotals);
  // Versions 5 and 6 are other branches' (the integrator orders them). Schema 7 (issue 15): dispute cases.
  db.version(7)
    .stores(SCHEMA_CASES)
    .upgrade(async (tx) => {
      await upgradeCasesToV7(tx);
    });
};
