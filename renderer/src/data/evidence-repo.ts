import Dexie from 'dexie';
import type { CountersignDb } from './db';
import type { AttachmentRecord, AuditEntry, DisputeCaseRecord, PrintJobRecord, SaleRecord, SignatureRecord } from './records';
import { readAfter } from './sales-keyset';
import type { SaleCursor, SalePlan } from './sales-keyset';

/**
 * What an evidence export reads (issue 14), one sale at a time: the sale and everything linked
 * to it, and the ids of a selection (a day, a search result, a bank's 调单 list). The export
 * never holds more than a chunk of these records; a selection is held as ids only.
 */
export interface SaleEvidenceRecords {
  sale: SaleRecord;
  signatures: SignatureRecord[];
  printJobs: PrintJobRecord[];
  cases: DisputeCaseRecord[];
  /** Files of the sale, its signatures (paper scans) and its cases; `data` is a Blob read later in parts. */
  attachments: AttachmentRecord[];
  /** Every audit entry about the sale, its attachments and its cases, ascending by seq. */
  audit: AuditEntry[];
}

const byObject = (db: CountersignDb, objectId: string): Promise<AuditEntry[]> =>
  db.audit.where('[objectId+seq]').between([objectId, Dexie.minKey], [objectId, Dexie.maxKey]).toArray();

const byOwner = (db: CountersignDb, ownerId: string): Promise<AttachmentRecord[]> => db.attachments.where('ownerId').equals(ownerId).toArray();

/** One sale's records in one read transaction (a consistent picture); undefined when the sale is gone. */
export const saleEvidenceRecords = (db: CountersignDb, saleId: string): Promise<SaleEvidenceRecords | undefined> =>
  db.transaction('r', [db.sales, db.signatures, db.printJobs, db.cases, db.attachments, db.audit], async () => {
    const sale = await db.sales.get(saleId);
    if (!sale) return undefined;
    const [signatures, printJobs, cases] = await Promise.all([
      db.signatures.where('[saleId+createdAt]').between([saleId, Dexie.minKey], [saleId, Dexie.maxKey]).toArray(),
      db.printJobs.where('[saleId+createdAt]').between([saleId, Dexie.minKey], [saleId, Dexie.maxKey]).toArray(),
      db.cases.where('saleId').equals(saleId).toArray(),
    ]);
    const owners = [saleId, ...signatures.map((s) => s.id), ...cases.map((c) => c.id)];
    const attachments = (await Promise.all(owners.map((id) => byOwner(db, id)))).flat().sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const objects = [saleId, ...attachments.map((a) => a.id), ...cases.map((c) => c.id)];
    const audit = (await Promise.all(objects.map((id) => byObject(db, id)))).flat().sort((a, b) => a.seq - b.seq);
    return { sale, signatures, printJobs, cases, attachments, audit };
  });

/** An attachment's bytes, as the Blob stored (read in parts by the caller). */
export const attachmentBlob = async (db: CountersignDb, attachmentId: string): Promise<Blob | undefined> => (await db.attachments.get(attachmentId))?.data;

/**
 * The ids of every sale a list plan selects (a day, a filter and search), oldest first, read in
 * keyset pages of `page` rows: the records themselves are dropped page by page.
 */
export const saleIdsOfPlan = async (db: CountersignDb, plan: SalePlan, page = 500): Promise<string[]> => {
  const newestFirst: string[] = [];
  let after: SaleCursor | null = null;
  for (;;) {
    const { rows, next } = await readAfter(db, plan, after, page);
    for (const row of rows) newestFirst.push(row.id);
    if (!next) break;
    after = next;
  }
  return newestFirst.reverse();
};

/** Sales whose host reference number (RRN) is `rrn`, oldest first. */
export const salesWithRrn = async (db: CountersignDb, rrn: string): Promise<SaleRecord[]> => (await db.sales.where('rrn').equals(rrn).toArray()).sort((a, b) => a.createdAt - b.createdAt);

/** Creation times of sales by id (to put a pasted list in time order); missing ids are left out. */
export const saleTimes = async (db: CountersignDb, ids: readonly string[]): Promise<Map<string, number>> => {
  const rows = await db.sales.bulkGet([...ids]);
  const out = new Map<string, number>();
  rows.forEach((row) => row && out.set(row.id, row.createdAt));
  return out;
};
