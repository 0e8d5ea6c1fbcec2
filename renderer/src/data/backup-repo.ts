import Dexie, { cmp } from 'dexie';
import type { IndexableType, Table } from 'dexie';
import { needsPreparing, parseLines, prepareRecord } from '../../../shared/domain/backup/record-codec';
import { AUDIT_HEAD_KEY, DEVICE_ID_KEY } from './audit-repo';
import type { AuditHead } from './audit-repo';
import { JOURNAL_CURSOR_KEY } from './audit-journal-repo';
import { CountersignDb } from './db';
import type { CheckpointRecord } from './records';

/**
 * The database read out for a backup and read back in for a restore (issue 17), generically:
 * every table of the Dexie schema, so a table added later is backed up without a change here.
 * Reads go by primary key in pages (keyset, never the whole table in memory); each page becomes
 * NDJSON lines (shared/domain/backup/record-codec.ts) handed to `sink` in parts of bounded size.
 *
 * The audit log must verify in the backup on its own, yet sales go on while it is read: the
 * other tables are read first, then the audit head is taken once, and only entries and
 * checkpoints up to it follow, with the head and the journal cursor as they were at that moment
 * standing in for the ones in `settings`.
 */
export type PartSink = (table: string, rows: number, lines: string) => Promise<void>;

export interface StreamOptions {
  /** Largest part in characters (the transports carry 2 MB a message). */
  partChars?: number;
  page?: number;
  /** Leave out operators' PIN hashes unless the manager chose to include them. */
  includePins: boolean;
  onProgress?: (table: string, rows: number) => void;
}

export interface StreamedMeta {
  schemaVersion: number;
  firstSale: string | null;
  lastSale: string | null;
  auditEntries: number;
  auditHeadHash: string | null;
  lastCheckpoint: CheckpointRecord | null;
  rows: Record<string, number>;
}

const LAST_TABLES = ['audit', 'auditCheckpoints', 'settings'];
const PIN_FIELDS = ['pinHash', 'pinSalt', 'pinIterations'];

const pageOf = (table: Table, after: IndexableType | null, limit: number): Promise<unknown[]> =>
  after === null ? table.orderBy(':id').limit(limit).toArray() : table.where(':id').above(after).limit(limit).toArray();

const keyOf = (table: Table, row: unknown): IndexableType => Dexie.getByKeyPath(row as object, table.schema.primKey.keyPath as string) as IndexableType;

const encodeLine = async (row: unknown): Promise<string> => JSON.stringify(needsPreparing(row) ? await prepareRecord(row) : row);

export const streamTables = async (db: CountersignDb, sink: PartSink, opts: StreamOptions): Promise<StreamedMeta> => {
  const partChars = opts.partChars ?? 900_000;
  const page = opts.page ?? 1000;
  const rows: Record<string, number> = {};
  const names = db.tables.map((t) => t.name).filter((n) => !LAST_TABLES.includes(n));
  const send = async (name: string, records: AsyncIterable<unknown>): Promise<void> => {
    let buf = '';
    let n = 0;
    let total = 0;
    for await (const record of records) {
      const line = `${await encodeLine(record)}\n`;
      if (buf.length > 0 && buf.length + line.length > partChars) {
        await sink(name, n, buf);
        buf = '';
        n = 0;
      }
      buf += line;
      n++;
      total++;
      if (total % page === 0) opts.onProgress?.(name, total);
    }
    if (n > 0) await sink(name, n, buf);
    rows[name] = total;
    opts.onProgress?.(name, total);
  };
  async function* pages(table: Table, upTo: IndexableType | null = null, map: (r: unknown) => unknown = (r) => r): AsyncIterable<unknown> {
    let after: IndexableType | null = null;
    for (;;) {
      const batch = await pageOf(table, after, page);
      for (const r of batch) {
        const k = keyOf(table, r);
        if (upTo !== null && cmp(k, upTo) > 0) return;
        yield map(r);
      }
      if (batch.length < page) return;
      after = keyOf(table, batch[batch.length - 1]);
    }
  }
  const stripPins = (r: unknown): unknown => {
    if (opts.includePins || typeof r !== 'object' || r === null) return r;
    return Object.fromEntries(Object.entries(r).filter(([k]) => !PIN_FIELDS.includes(k)));
  };
  for (const name of names) await send(name, pages(db.table(name), null, name === 'operatorImport' || name === 'operators' ? stripPins : (r) => r));
  // The audit snapshot: head and journal cursor read together (they move in one transaction).
  const snap = await db.transaction('r', db.settings, async () => ({
    head: (await db.settings.get(AUDIT_HEAD_KEY)) ?? null,
    cursor: (await db.settings.get(JOURNAL_CURSOR_KEY)) ?? null,
  }));
  const head = (snap.head?.value as AuditHead | undefined) ?? null;
  const headSeq = head?.seq ?? 0;
  await send('audit', pages(db.audit, headSeq));
  let lastCheckpoint: CheckpointRecord | null = null;
  await send(
    'auditCheckpoints',
    pages(db.auditCheckpoints, headSeq, (r) => {
      lastCheckpoint = r as CheckpointRecord;
      return r;
    }),
  );
  await send(
    'settings',
    pages(db.settings, null, (r) => {
      const key = (r as { key: string }).key;
      if (key === AUDIT_HEAD_KEY && snap.head) return snap.head;
      if (key === JOURNAL_CURSOR_KEY && snap.cursor) return snap.cursor;
      return r;
    }),
  );
  const first = await db.sales.orderBy('createdAt').first();
  const last = await db.sales.orderBy('createdAt').last();
  const iso = (ms: number | undefined): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
  return { schemaVersion: db.verno, firstSale: iso(first?.createdAt), lastSale: iso(last?.createdAt), auditEntries: headSeq, auditHeadHash: head?.hash ?? null, lastCheckpoint, rows };
};

/** A scratch database for a restore: the same schema, relaxed durability (it is thrown away or switched to). */
export const scratchName = (now: number = Date.now()): string => `countersign-restore-${now}`;

export const openScratch = async (name: string): Promise<CountersignDb> => {
  await Dexie.delete(name);
  const db = new CountersignDb(name, 'relaxed');
  await db.open();
  return db;
};

export const deleteDatabase = (name: string): Promise<void> => Dexie.delete(name);

export class UnknownTableError extends Error {
  constructor(readonly table: string) {
    super(`the backup holds a table this version does not know: ${table}`);
    this.name = 'UnknownTableError';
  }
}

/** Loads one part into the scratch database. */
export const loadPart = async (scratch: CountersignDb, table: string, lines: string): Promise<number> => {
  const t = scratch.tables.find((x) => x.name === table);
  if (!t) throw new UnknownTableError(table);
  const records = parseLines(lines);
  await t.bulkPut(records);
  return records.length;
};

export interface DbSummary {
  counts: Record<string, number>;
  firstSale: number | null;
  lastSale: number | null;
  lastCheckpoint: CheckpointRecord | null;
}

/** What a (scratch) database holds, for the manager to look at before it replaces anything. */
export const summarize = async (db: CountersignDb): Promise<DbSummary> => {
  const counts: Record<string, number> = {};
  for (const t of db.tables) counts[t.name] = await t.count();
  return {
    counts,
    firstSale: (await db.sales.orderBy('createdAt').first())?.createdAt ?? null,
    lastSale: (await db.sales.orderBy('createdAt').last())?.createdAt ?? null,
    lastCheckpoint: (await db.auditCheckpoints.orderBy('size').last()) ?? null,
  };
};

/** After a hand-over the restored database names this device in the entries it writes from now on. */
export const setDeviceId = (db: CountersignDb, deviceId: string): Promise<unknown> => db.settings.put({ key: DEVICE_ID_KEY, value: deviceId, updatedAt: Date.now() });

/** Whether a database holds any sale (a console with its own records refuses another device's backup). */
export const hasSales = async (db: CountersignDb): Promise<boolean> => (await db.sales.limit(1).count()) > 0;

/** Deletes the console databases that are not the live one (see active-db.ts). */
export const dropInactiveDatabases = async (live: string): Promise<void> => {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  for (const info of await indexedDB.databases()) {
    const name = info.name ?? '';
    if (name !== live && /^countersign(-restore-\d+)?$/.test(name)) await Dexie.delete(name);
  }
};
