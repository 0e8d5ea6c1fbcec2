import Dexie from 'dexie';
import { assertTransition } from '../../../shared/domain/sale/sale-state';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditTables } from './audit-repo';
import { bucketDeltas, bumpCounters, readCounter } from './counters-repo';
import type { CountersignDb } from './db';
import type { SaleRecord, SaleState } from './records';

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
export const saleTables = (db: CountersignDb) => [db.sales, db.counters, ...auditTables(db)];

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

/**
 * Changes a sale. A state change is checked against the state machine; `expectVersion`
 * guards against two windows acting on one sale. The audit action names the step.
 */
export const updateSale = (
  db: CountersignDb,
  saleId: string,
  change: Partial<Omit<SaleRecord, 'id' | 'createdAt' | 'version' | 'kind'>>,
  audit: { actor: string; action: string; result?: 'ok' | 'fail'; detail?: Record<string, unknown> },
  expectVersion?: number,
): Promise<SaleRecord> =>
  db.transaction('rw', saleTables(db), async () => {
    const before = await db.sales.get(saleId);
    if (!before || (expectVersion !== undefined && before.version !== expectVersion)) throw new StaleSale(saleId);
    if (change.state && change.state !== before.state) assertTransition(before.state, change.state);
    const after: SaleRecord = { ...before, ...change, version: before.version + 1, updatedAt: Date.now() };
    await db.sales.put(after);
    await bumpCounters(db, bucketDeltas(bucketsOf(before), bucketsOf(after)));
    await appendAudit(db, {
      actor: audit.actor,
      action: audit.action,
      objectType: 'sale',
      objectId: saleId,
      result: audit.result ?? 'ok',
      detail: { from: before.state, to: after.state, ...(audit.detail ?? {}) },
    });
    return after;
  });

export const getSale = (db: CountersignDb, id: string): Promise<SaleRecord | undefined> => db.sales.get(id);

/** Sales whose money question is open: resolved before the next online sale and at start. */
export const unresolvedSales = async (db: CountersignDb): Promise<SaleRecord[]> => {
  const [authorizing, unknown] = await Promise.all(
    (['authorizing', 'unknown'] as SaleState[]).map((state) => db.sales.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).toArray()),
  );
  return [...(authorizing ?? []), ...(unknown ?? [])].sort((a, b) => a.createdAt - b.createdAt);
};

/** Offline-accepted sales in the order they were taken, for forwarding. */
export const offlineQueue = (db: CountersignDb): Promise<SaleRecord[]> =>
  db.sales.where('[state+createdAt]').between(['offline-accepted', Dexie.minKey], ['offline-accepted', Dexie.maxKey]).toArray();

/** Earlier sales on the same card in the last `windowMs` (duplicate-charge guard). */
export const recentOnCard = (db: CountersignDb, fingerprint: string, since: number): Promise<SaleRecord[]> =>
  db.sales.where('[fingerprint+createdAt]').between([fingerprint, since], [fingerprint, Dexie.maxKey]).toArray();

export const counter = readCounter;
