import type { CaseFacts, FactInquiry, FactSale } from '../../../shared/domain/cases/evidence-facts';
import { attachmentsFor } from './attachments-repo';
import { caseEvents } from './case-events-repo';
import type { CountersignDb } from './db';
import type { DisputeCaseRecord, SaleRecord } from './records';
import { linkedTo, salesByIds } from './sales-repo';

/**
 * Everything a case's checklist is judged on, read from the records of its sales and its own
 * timeline in one read transaction: signatures, print jobs, linked refunds and voids, host inquiry
 * answers and slips recorded on the case, attachments of the case and of its sales.
 */
const fact = (s: SaleRecord): FactSale => ({
  id: s.id,
  kind: s.kind,
  state: s.state,
  amountFen: s.amountFen,
  createdAt: s.createdAt,
  authCode: s.authCode,
  rrn: s.rrn,
  responseCode: s.responseCode,
  reversalCode: s.reversalCode,
  fingerprint: s.fingerprint,
  last4: s.last4,
  originalSaleId: s.originalSaleId,
});

export const caseFacts = (db: CountersignDb, c: DisputeCaseRecord): Promise<CaseFacts> =>
  db.transaction('r', [db.sales, db.signatures, db.printJobs, db.caseEvents, db.attachments], async () => {
    const sales = await salesByIds(db, c.saleIds);
    const ids = sales.map((s) => s.id);
    const [linked, signatures, prints, events, attachments] = await Promise.all([
      Promise.all(ids.map((id) => linkedTo(db, id))).then((all) => all.flat()),
      db.signatures.where('saleId').anyOf(ids).toArray(),
      db.printJobs.where('saleId').anyOf(ids).toArray(),
      caseEvents(db, c.id),
      Promise.all([c.id, ...ids].map((id) => attachmentsFor(db, id))).then((all) => all.flat()),
    ]);
    const inquiries: FactInquiry[] = events
      .filter((e) => e.kind === 'inquiry' && typeof e.detail.saleId === 'string' && (e.detail.outcome === 'approved' || e.detail.outcome === 'declined' || e.detail.outcome === 'not-found'))
      .map((e) => ({ saleId: String(e.detail.saleId), outcome: e.detail.outcome as FactInquiry['outcome'] }));
    return {
      complaintAt: c.complaintAt,
      sales: sales.map(fact),
      linked: linked.map(fact),
      signatures: signatures.map((g) => ({ saleId: g.saleId, kind: g.kind, digest: g.digest })),
      prints: prints.map((p) => ({ saleId: p.saleId, copy: p.copy, state: p.state })),
      inquiries,
      slipsPrinted: events.filter((e) => e.kind === 'slip' && (e.detail.state === 'confirmed' || e.detail.state === 'sent')).length,
      attachmentKinds: attachments.flatMap((a) => (a.kind ? [a.kind] : [])),
    };
  });
