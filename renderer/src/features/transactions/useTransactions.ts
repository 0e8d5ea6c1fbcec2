import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { filterCounts, planFor } from '../../data/sales-query';
import type { SaleSearch } from '../../data/sales-query';
import { viewCount } from '../../data/sales-views';
import type { SaleFilter } from '../../data/sales-views';
import type { AttachmentRecord, SaleRecord, SignatureRecord } from '../../data/records';
import { attachmentsFor } from '../../data/attachments-repo';
import { afterPaint } from './schedule';
import { SaleWindow } from './sale-window';
import type { SaleWindowSnapshot } from './sale-window';
import { auditFor } from '../../data/audit-repo';
import { getSale } from '../../data/sales-repo';
import { useRoot } from '../session/RootContext';
import { listForSale } from '../../data/print-jobs-repo';
import { signaturesFor } from '../../data/signatures-repo';
import { buildTimeline } from './timeline';
import type { TimelineItem } from './timeline';

/**
 * The live list's window of rows for a filter and search, newest first (see sale-window.ts).
 * `search` should keep its identity while unchanged; an equal one shows nothing new anyway.
 */
export const useSaleWindow = (filter: SaleFilter, search: SaleSearch): SaleWindow => {
  const { db } = useRoot();
  const [view] = useState(() => {
    const created = new SaleWindow(db);
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
export const useFilterCounts = (): Record<SaleFilter, number> | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => filterCounts(db), [db]);
};

/** Offline sales waiting to be forwarded (accepted or being forwarded): the view's running counters. */
export const useOfflinePendingCount = (): number | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => viewCount(db, 'offline-pending'), [db]);
};

export const useSale = (id: string | null): SaleRecord | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (id ? getSale(db, id) : undefined), [db, id]);
};

/** Everything that happened to a sale, in order: audit entries, print jobs, signatures. */
export const useTimeline = (saleId: string | null): TimelineItem[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => {
    if (!saleId) return [];
    const [audit, jobs, signatures] = await Promise.all([auditFor(db, saleId), listForSale(db, saleId), signaturesFor(db, saleId)]);
    return buildTimeline(audit, jobs, signatures);
  }, [db, saleId]);
};

export interface SignatureWithFiles {
  signature: SignatureRecord;
  /** Photos or scans attached to it (a paper signature, a registered case). */
  attachments: AttachmentRecord[];
}

/** A sale's signature records (original, supplementary, paper, exemption, registered), oldest first, with their files. */
export const useSaleSignatures = (saleId: string | null): SignatureWithFiles[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => {
    if (!saleId) return [];
    const signatures = await signaturesFor(db, saleId);
    return Promise.all(signatures.map(async (signature) => ({ signature, attachments: await attachmentsFor(db, signature.id) })));
  }, [db, saleId]);
};
