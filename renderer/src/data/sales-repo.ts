import Dexie from 'dexie';
import { QUEUED, UNCHARGED_END, assertTransition } from '../../../shared/domain/sale/sale-state';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, appendAuditEntries, auditTables } from './audit-repo';
import type { AuditInput } from './audit-repo';
import { bucketDeltas, bumpCounters, readCounters } from './counters-repo';
import type { CountersignDb } from './db';
import { createJobsIn } from './print-jobs-repo';
import type { NewPrintJob } from './print-jobs-repo';
import type { SaleRecord, SaleState } from './records';
import { totalsDelta } from './sale-totals';
import { bumpTotals } from './totals-repo';

/**
 * Sales are written ahead of every step that depends on them (ARCHITECTURE "write-ahead"),
 * each change with its audit entry in one strict transaction. Running counts per filter are
 * kept in `counters` in the same transaction, so the live list never counts the table.
 */
export const bucketsOf = (s: Pick<SaleRecord, 'state' | 'signatureState' | 'followUp' | 'kind'>): string[] => [
  `state:${s.state}`,
  `signature:${s.signatureState}`,
  `followUp:${s.followUp}`,
  `kind:${s.kind}`,
];

/** The tables a sale write touches; callers composing a larger transaction include these. */
export const saleTables = (db: CountersignDb) => [db.sales, db.counters, db.totals, ...auditTables(db)];

export type NewSale = Pick<SaleRecord, 'kind' | 'amountFen' | 'operatorId' | 'reference' | 'note' | 'originalSaleId'>;

export const createSale = (db: CountersignDb, input: NewSale): Promise<SaleRecord> =>
  db.transaction('rw', saleTables(db), async () => {
    const now = Date.now();
    const sale: SaleRecord = {
      ...input,
      id: uuidv7(now),
      createdAt: now,
      updatedAt: now,
      version: 1,
      state: 'created',
      signatureState: 'pending',
      card: null,
      last4: '',
      fingerprint: '',
      stan: null,
      batch: null,
      authCode: null,
      rrn: null,
      responseCode: null,
      channel: null,
      linkId: null,
      sealed: null,
      offlineQueuedAt: null,
      forwardedAt: null,
      forwardAttempts: 0,
      reversalCode: null,
      signatureForced: false,
      followUp: 'none',
      openCases: 0,
    };
    await db.sales.add(sale);
    await bumpCounters(db, bucketDeltas([], bucketsOf(sale)));
    await appendAudit(db, { actor: input.operatorId, action: `${input.kind}.create`, objectType: 'sale', objectId: sale.id, result: 'ok', detail: { amountFen: sale.amountFen, originalSaleId: input.originalSaleId } });
    return sale;
  });

export class StaleSale extends Error {
  constructor(readonly saleId: string) {
    super(`sale ${saleId} changed underneath`);
  }
}

export type SaleChange = Partial<Omit<SaleRecord, 'id' | 'createdAt' | 'version' | 'kind'>>;
export interface SaleStepAudit {
  actor: string;
  action: string;
  result?: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

export interface SaleStepsOptions {
  /** Guards against two windows acting on one sale. */
  expectVersion?: number;
  /**
   * Print jobs to queue in the same transaction (the copies of a sale being charged), so a stop
   * right after the approval leaves `queued` jobs that the next start prints or lists.
   */
  queuePrints?: readonly NewPrintJob[];
}

/**
 * A sale that ends without a charge (declined, also after forwarding; cancelled; reversed) never
 * waits for a signature: it would read "to be signed" and sit in the unsigned follow-up.
 */
const settleSignature = (before: SaleRecord, next: SaleRecord): SaleRecord =>
  (next.signatureState === 'pending' || next.signatureState === 'unsigned') && next.state !== before.state && UNCHARGED_END.includes(next.state) ? { ...next, signatureState: 'not-required' } : next;

/**
 * Several steps of one sale in one strict transaction: each is checked against the state
 * machine in turn and audited as its own entry, and they commit together or not at all. The
 * record is written once with the result (its version counts every step) and the running counts
 * move once, from the first state to the last. The counter uses it where steps happen back to
 * back (card read + authorizing, approved + its print jobs), so the cashier waits for one commit
 * where there were two.
 */
export const updateSaleSteps = (db: CountersignDb, saleId: string, steps: ReadonlyArray<{ change: SaleChange; audit: SaleStepAudit }>, opts: SaleStepsOptions = {}): Promise<SaleRecord> => {
  const prints = opts.queuePrints ?? [];
  return db.transaction('rw', prints.length > 0 ? [...saleTables(db), db.printJobs] : saleTables(db), async () => {
    const before = await db.sales.get(saleId);
    if (!before || (opts.expectVersion !== undefined && before.version !== opts.expectVersion)) throw new StaleSale(saleId);
    const now = Date.now();
    let after = before;
    const entries: AuditInput[] = [];
    for (const { change, audit } of steps) {
      if (change.state && change.state !== after.state) assertTransition(after.state, change.state);
      const next = settleSignature(after, { ...after, ...change, version: after.version + 1, updatedAt: now });
      entries.push({ actor: audit.actor, action: audit.action, objectType: 'sale', objectId: saleId, result: audit.result ?? 'ok', detail: { from: after.state, to: next.state, ...(audit.detail ?? {}) } });
      after = next;
    }
    // Issued together: requests in one transaction run in order, so this only saves round trips.
    await Promise.all([
      db.sales.put(after),
      bumpCounters(db, bucketDeltas(bucketsOf(before), bucketsOf(after))),
      // The running totals (reports, settlement) move with the sale: nothing is written when no counted bucket changed.
      bumpTotals(db, totalsDelta(before, after)),
      appendAuditEntries(db, entries, now),
      ...(prints.length > 0 ? [createJobsIn(db, prints, now)] : []),
    ]);
    return after;
  });
};

/**
 * A void approved by the host and the original it voids, in one transaction: there is never a
 * moment (or a crash) where the money went back but the original still reads approved.
 */
export const recordVoid = (db: CountersignDb, voidId: string, steps: ReadonlyArray<{ change: SaleChange; audit: SaleStepAudit }>, originalId: string, actor: string): Promise<SaleRecord> =>
  db.transaction('rw', saleTables(db), async () => {
    const done = await updateSaleSteps(db, voidId, steps);
    await updateSaleSteps(db, originalId, [{ change: { state: 'voided' }, audit: { actor, action: 'sale.voided', detail: { voidId } } }]);
    return done;
  });

/**
 * Changes a sale. A state change is checked against the state machine; `expectVersion`
 * guards against two windows acting on one sale. The audit action names the step.
 */
export const updateSale = (db: CountersignDb, saleId: string, change: SaleChange, audit: SaleStepAudit, expectVersion?: number): Promise<SaleRecord> =>
  updateSaleSteps(db, saleId, [{ change, audit }], expectVersion === undefined ? {} : { expectVersion });

export const getSale = (db: CountersignDb, id: string): Promise<SaleRecord | undefined> => db.sales.get(id);

/** Sales created in [from, to) (ms), by the createdAt index: end of day and reconciliation read a day or a batch's span. */
export const salesCreatedBetween = (db: CountersignDb, from: number, to: number): Promise<SaleRecord[]> => db.sales.where('createdAt').between(from, to, true, false).toArray();

/** The sales with these ids that exist, in no particular order. */
export const salesByIds = async (db: CountersignDb, ids: readonly string[]): Promise<SaleRecord[]> => (await db.sales.bulkGet([...ids])).filter((s): s is SaleRecord => s !== undefined);

/**
 * Sales whose money question is open: resolved before the next online sale and at start.
 * The running counts (kept in the same transactions as the sales) answer "none" with one read,
 * which is the usual case on the way to every sale.
 */
export const unresolvedSales = async (db: CountersignDb): Promise<SaleRecord[]> => {
  const open = await readCounters(db, ['state:authorizing', 'state:unknown']);
  if (open['state:authorizing'] <= 0 && open['state:unknown'] <= 0) return [];
  const [authorizing, unknown] = await Promise.all(
    (['authorizing', 'unknown'] as SaleState[]).map((state) => db.sales.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).toArray()),
  );
  return [...(authorizing ?? []), ...(unknown ?? [])].sort((a, b) => a.createdAt - b.createdAt);
};

/**
 * Sales still waiting for a card (or at the duplicate prompt) that were started before `before`:
 * left so by a stop. The running counts answer "none" with one read.
 */
export const abandonedSales = async (db: CountersignDb, before: number): Promise<SaleRecord[]> => {
  const open = await readCounters(db, ['state:created', 'state:card-read']);
  const states = (['created', 'card-read'] as const).filter((state) => open[`state:${state}`] > 0);
  const rows = await Promise.all(states.map((state) => db.sales.where('[state+createdAt]').between([state, Dexie.minKey], [state, before], true, false).toArray()));
  return rows.flat().sort((a, b) => a.createdAt - b.createdAt);
};

/** Offline sales still owed to their host (accepted, or being forwarded), in the order they were taken. */
export const offlineQueue = async (db: CountersignDb): Promise<SaleRecord[]> => {
  const open = await readCounters(db, QUEUED.map((state) => `state:${state}`));
  const states = QUEUED.filter((state) => (open[`state:${state}`] ?? 0) > 0);
  const rows = await Promise.all(states.map((state) => db.sales.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).toArray()));
  return rows.flat().sort((a, b) => a.createdAt - b.createdAt);
};

/** Refunds and voids linked to a sale, oldest first (a sale has a handful). */
export const linkedTo = async (db: CountersignDb, saleId: string): Promise<SaleRecord[]> =>
  (await db.sales.where('originalSaleId').equals(saleId).toArray()).sort((a, b) => a.createdAt - b.createdAt);

/** Earlier sales on the same card in the last `windowMs` (duplicate-charge guard). */
export const recentOnCard = (db: CountersignDb, fingerprint: string, since: number): Promise<SaleRecord[]> =>
  db.sales.where('[fingerprint+createdAt]').between([fingerprint, since], [fingerprint, Dexie.maxKey]).toArray();

