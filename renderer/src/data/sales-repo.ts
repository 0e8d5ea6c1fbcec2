import Dexie from 'dexie';
import { CHARGED, assertTransition } from '../../../shared/domain/sale/sale-state';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, appendAuditEntries, auditTables } from './audit-repo';
import type { AuditInput } from './audit-repo';
import { bucketDeltas, bumpCounters, readCounter, readCounters } from './counters-repo';
import type { CountersignDb } from './db';
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
      sealed: null,
      offlineQueuedAt: null,
      forwardedAt: null,
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

/**
 * Several steps of one sale in one strict transaction: each is checked against the state
 * machine in turn and audited as its own entry, and they commit together or not at all. The
 * record is written once with the result (its version counts every step) and the running counts
 * move once, from the first state to the last. The counter uses it where steps happen back to
 * back (card read + authorizing, approved + signature not required), so the cashier waits for
 * one commit where there were two.
 */
export const updateSaleSteps = (
  db: CountersignDb,
  saleId: string,
  steps: ReadonlyArray<{ change: SaleChange; audit: SaleStepAudit }>,
  expectVersion?: number,
): Promise<SaleRecord> =>
  db.transaction('rw', saleTables(db), async () => {
    const before = await db.sales.get(saleId);
    if (!before || (expectVersion !== undefined && before.version !== expectVersion)) throw new StaleSale(saleId);
    const now = Date.now();
    let after = before;
    const entries: AuditInput[] = [];
    for (const { change, audit } of steps) {
      if (change.state && change.state !== after.state) assertTransition(after.state, change.state);
      const next: SaleRecord = { ...after, ...change, version: after.version + 1, updatedAt: now };
      entries.push({ actor: audit.actor, action: audit.action, objectType: 'sale', objectId: saleId, result: audit.result ?? 'ok', detail: { from: after.state, to: next.state, ...(audit.detail ?? {}) } });
      after = next;
    }
    // Issued together: requests in one transaction run in order, so this only saves round trips.
    // The running totals (reports, settlement) move with the sale: nothing is written when no counted bucket changed.
    await Promise.all([db.sales.put(after), bumpCounters(db, bucketDeltas(bucketsOf(before), bucketsOf(after))), bumpTotals(db, totalsDelta(before, after)), appendAuditEntries(db, entries, now)]);
    return after;
  });

/**
 * Changes a sale. A state change is checked against the state machine; `expectVersion`
 * guards against two windows acting on one sale. The audit action names the step.
 */
export const updateSale = (db: CountersignDb, saleId: string, change: SaleChange, audit: SaleStepAudit, expectVersion?: number): Promise<SaleRecord> =>
  updateSaleSteps(db, saleId, [{ change, audit }], expectVersion);

export const getSale = (db: CountersignDb, id: string): Promise<SaleRecord | undefined> => db.sales.get(id);

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

/**
 * Charged sales still waiting for a signature, started in [from, before): a cashier's sale in
 * progress, or one a stop left at the result or signature step. Declined and cancelled sales
 * also keep 'pending', so the range is bounded in time rather than read whole.
 */
export const chargedAwaitingSignature = async (db: CountersignDb, from: number, before: number): Promise<SaleRecord[]> =>
  (await db.sales.where('[signatureState+createdAt]').between(['pending', from], ['pending', before], true, false).toArray()).filter((s) => CHARGED.includes(s.state));

/** Offline-accepted sales in the order they were taken, for forwarding. */
export const offlineQueue = (db: CountersignDb): Promise<SaleRecord[]> =>
  db.sales.where('[state+createdAt]').between(['offline-accepted', Dexie.minKey], ['offline-accepted', Dexie.maxKey]).toArray();

/** Earlier sales on the same card in the last `windowMs` (duplicate-charge guard). */
export const recentOnCard = (db: CountersignDb, fingerprint: string, since: number): Promise<SaleRecord[]> =>
  db.sales.where('[fingerprint+createdAt]').between([fingerprint, since], [fingerprint, Dexie.maxKey]).toArray();

export const counter = readCounter;
