import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { filterCounts, planFor } from '../../data/sales-query';
import type { SaleFilter, SaleSearch } from '../../data/sales-query';
import type { AttachmentRecord, SaleRecord, SignatureRecord } from '../../data/records';
import { attachmentsFor } from '../../data/attachments-repo';
import { afterPaint } from './schedule';
import { SaleWindow } from './sale-window';
import type { SaleWindowSnapshot } from './sale-window';
import { auditFor } from '../audit/audit-log';
import { listForSale } from '../../data/print-jobs-repo';
import { signaturesFor } from '../../data/signatures-repo';
import { buildTimeline } from './timeline';
import { readCounter } from '../../data/counters-repo';
import type { TimelineItem } from './timeline';

/**
 * The live list's window of rows for a filter and search, newest first (see sale-window.ts).
 * `search` should keep its identity while unchanged; an equal one shows nothing new anyway.
 */
export const useSaleWindow = (filter: SaleFilter, search: SaleSearch): SaleWindow => {
  const [view] = useState(() => {
    const created = new SaleWindow(getDb());
    // The first page is read while the list renders (a read only; nothing is watched yet).
    created.prefetch(JSON.stringify([filter, search]), planFor(filter, search));
    return created;
  });
  useEffect(() => view.show(JSON.stringify([filter, search]), planFor(filter, search)), [view, filter, search]);
  useEffect(() => () => view.stop(), [view]);
  return view;
};

/** The rows of a window; only the component that draws them re-renders as they change. */
export const useSaleWindowRows = (view: SaleWindow): SaleWindowSnapshot => useSyncExternalStore(view.subscribe, view.getSnapshot);

/**
 * False until the frame after the list first painted rows (or learned it has none): what can
 * wait for that frame is drawn after it.
 */
export const useAfterFirstRows = (view: SaleWindow): boolean => {
  const loaded = useSyncExternalStore(view.subscribe, () => view.getSnapshot().loaded);
  const [after, setAfter] = useState(false);
  useEffect(() => (loaded && !after ? afterPaint(() => setAfter(true)) : undefined), [loaded, after]);
  return after;
};

/** Per-filter counts from the running counters (never a count of the sales table). */
export const useFilterCounts = (): Record<SaleFilter, number> | undefined => useLiveQuery(() => filterCounts(getDb()), []);

/** Offline sales waiting to be forwarded, from the running counter kept with every sale write. */
export const useOfflinePendingCount = (): number | undefined => useLiveQuery(() => readCounter(getDb(), 'state:offline-accepted'), []);

export const useSale = (id: string | null): SaleRecord | undefined => useLiveQuery(async () => (id ? getDb().sales.get(id) : undefined), [id]);

/** Everything that happened to a sale, in order: audit entries, print jobs, signatures. */
export const useTimeline = (saleId: string | null): TimelineItem[] | undefined =>
  useLiveQuery(async () => {
    if (!saleId) return [];
    const db = getDb();
    const [audit, jobs, signatures] = await Promise.all([auditFor(db, saleId), listForSale(db, saleId), signaturesFor(db, saleId)]);
    return buildTimeline(audit, jobs, signatures);
  }, [saleId]);

export interface SignatureWithFiles {
  signature: SignatureRecord;
  /** Photos or scans attached to it (a paper signature, a registered case). */
  attachments: AttachmentRecord[];
}

/** A sale's signature records (original, supplementary, paper, exemption, registered), oldest first, with their files. */
export const useSaleSignatures = (saleId: string | null): SignatureWithFiles[] | undefined =>
  useLiveQuery(async () => {
    if (!saleId) return [];
    const db = getDb();
    const signatures = await signaturesFor(db, saleId);
    return Promise.all(signatures.map(async (signature) => ({ signature, attachments: await attachmentsFor(db, signature.id) })));
  }, [saleId]);
