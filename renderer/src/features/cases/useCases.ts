import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { evaluateChecklist } from '../../../../shared/domain/cases/checklists';
import type { Checklist } from '../../../../shared/domain/cases/checklists';
import { attachmentsFor } from '../../data/attachments-repo';
import { caseEvents } from '../../data/case-events-repo';
import { caseFacts } from '../../data/case-facts-repo';
import { casesForSale, casesWithStatus, dueBefore, getCase, openCases } from '../../data/cases-repo';
import type { AttachmentRecord, CaseEventRecord, DisputeCaseRecord, SaleRecord } from '../../data/records';
import { linkedTo, salesByIds } from '../../data/sales-repo';
import { DUE_SOON_MS } from '../../../../shared/domain/cases/case-status';
import type { CaseStatus } from '../../../../shared/domain/cases/case-status';
import { useRoot } from '../session/RootContext';

/** Live reads for the cases screens (writes go through services/cases). */

/** Active cases (by due date), or the cases of one decided status. */
export const useCaseList = (status: 'active' | CaseStatus): DisputeCaseRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => (status === 'active' ? openCases(db) : status === 'open' || status === 'evidence-sent' ? openCases(db).then((all) => all.filter((c) => c.status === status)) : casesWithStatus(db, status)), [db, status]);
};

export const useCase = (caseId: string | null): DisputeCaseRecord | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => (caseId ? getCase(db, caseId) : undefined), [db, caseId]);
};

export const useCaseSales = (c: DisputeCaseRecord | undefined): { sales: SaleRecord[]; linked: SaleRecord[] } | undefined => {
  const { db } = useRoot();
  const key = c?.saleIds.join(',') ?? '';
  return useLiveQuery(async () => {
    const sales = await salesByIds(db, key ? key.split(',') : []);
    const linked = (await Promise.all(sales.map((s) => linkedTo(db, s.id)))).flat();
    return { sales, linked };
  }, [db, key]);
};

export const useCaseEvents = (caseId: string | null): CaseEventRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => (caseId ? caseEvents(db, caseId) : []), [db, caseId]);
};

export const useCaseAttachments = (caseId: string | null): AttachmentRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => (caseId ? attachmentsFor(db, caseId) : []), [db, caseId]);
};

/** The checklist, re-evaluated whenever a record it reads changes (a signature, a print, an event). */
export const useChecklist = (c: DisputeCaseRecord | undefined): Checklist | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (c ? evaluateChecklist(c.type, c.reason?.category ?? null, await caseFacts(db, c)) : undefined), [db, c]);
};

export const useSaleCases = (saleId: string): DisputeCaseRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => casesForSale(db, saleId), [db, saleId]);
};

/** The screen's clock, moved every 30 s: countdowns and the due badge follow it. */
export const useNow = (): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(tick);
  }, []);
  return now;
};

/** Active cases overdue and due soon at `now` (reads only those due within the window). */
export const useDueCounts = (now: number): { overdue: number; dueSoon: number } | undefined => {
  const { db } = useRoot();
  // Re-read when the minute changes, not on every tick.
  const minute = Math.floor(now / 60_000);
  return useLiveQuery(async () => {
    const due = await dueBefore(db, minute * 60_000 + 60_000 + DUE_SOON_MS);
    const at = minute * 60_000;
    return { overdue: due.filter((c) => c.dueAt !== null && c.dueAt <= at).length, dueSoon: due.filter((c) => c.dueAt !== null && c.dueAt > at).length };
  }, [db, minute]);
};
