import Dexie from 'dexie';
import type { IndexableType, Table, Transaction } from 'dexie';
import { ChainVerifier, EMPTY_HEAD, sealEntry } from '../../../shared/domain/audit-chain';
import type { ChainHead, ChainVerdict } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CountersignDb } from './db';
import type { AuditEntry } from './records';

/**
 * The append-only audit table (RULES.md 7). Entries are written only by `appendAudit`; the
 * head (last seq and hash) is kept in `settings` in the same transaction, so removing entries
 * from the end shows up in `verifyChain`. The head lives in `settings` rather than `counters`
 * because every caller's transaction already includes `settings` (see `auditTables`).
 */
export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

export const AUDIT_HEAD_KEY = 'audit.head';
export const DEVICE_ID_KEY = 'device.id';

/** The tables a transaction must include for `appendAudit` to join it. */
export const auditTables = (db: CountersignDb): Table[] => [db.audit, db.settings];

const readHead = async (db: CountersignDb): Promise<ChainHead | null> => {
  const value = (await db.settings.get(AUDIT_HEAD_KEY))?.value as ChainHead | undefined;
  return value && typeof value.seq === 'number' && typeof value.hash === 'string' ? { seq: value.seq, hash: value.hash } : null;
};

/** The device id never changes once written, so each open database reads it once. */
const knownDeviceIds = new WeakMap<CountersignDb, string>();

const deviceId = async (db: CountersignDb, now: number): Promise<string> => {
  const stored = (await db.settings.get(DEVICE_ID_KEY))?.value;
  if (typeof stored === 'string' && stored) {
    knownDeviceIds.set(db, stored);
    return stored;
  }
  const id = uuidv7(now);
  // Not remembered yet: the transaction may still roll back. The next append reads it back.
  await db.settings.put({ key: DEVICE_ID_KEY, value: id, updatedAt: now });
  return id;
};

/** Chains `inputs` onto the head in order: one head read, one bulk add, one head write. */
const appendAll = async (db: CountersignDb, inputs: readonly AuditInput[], now: number): Promise<AuditEntry[]> => {
  let head = (await readHead(db)) ?? EMPTY_HEAD;
  // No await when known: Dexie commits a transaction that waits on a non-IndexedDB promise.
  const device = knownDeviceIds.get(db) ?? (await deviceId(db, now));
  const entries: AuditEntry[] = [];
  for (const input of inputs) {
    const entry = sealEntry({
      seq: head.seq + 1,
      id: uuidv7(now),
      at: new Date(now).toISOString(),
      actor: input.actor,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      result: input.result,
      device,
      detail: input.detail ?? {},
      prevHash: head.hash,
    });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  await Promise.all([db.audit.bulkAdd(entries), db.settings.put({ key: AUDIT_HEAD_KEY, value: head satisfies ChainHead, updatedAt: now })]);
  return entries;
};

const append = async (db: CountersignDb, input: AuditInput, now: number): Promise<AuditEntry> => {
  const [entry] = await appendAll(db, [input], now);
  if (!entry) throw new Error('no audit entry written');
  return entry;
};

/**
 * Appends several entries in order, inside the caller's read-write transaction over `audit` and
 * `settings` (see `auditTables`). For a write that records several steps at once.
 */
export const appendAuditEntries = (db: CountersignDb, inputs: readonly AuditInput[], now: number = Date.now()): Promise<AuditEntry[]> => {
  const current = Dexie.currentTransaction as Transaction | null;
  if (!current || current.db !== db || current.mode !== 'readwrite' || !current.storeNames.includes('audit') || !current.storeNames.includes('settings')) {
    return Promise.reject(new Error('appendAuditEntries needs a read-write transaction over audit and settings; include auditTables(db)'));
  }
  return appendAll(db, inputs, now);
};

/**
 * Appends one entry. Inside a caller's read-write transaction that includes `audit` and
 * `settings` it joins it (a sale write and its entry commit or fail together); otherwise it
 * runs in its own. Concurrent appends are serialised by IndexedDB, so the chain stays one line.
 */
export const appendAudit = (db: CountersignDb, input: AuditInput, now: number = Date.now()): Promise<AuditEntry> => {
  const current = Dexie.currentTransaction as Transaction | null;
  if (current && current.db === db) {
    const joins = current.mode === 'readwrite' && current.storeNames.includes('audit') && current.storeNames.includes('settings');
    if (!joins) {
      return Promise.reject(new Error(`appendAudit(${input.action}) needs a read-write transaction over audit and settings; include auditTables(db)`));
    }
    return append(db, input, now);
  }
  return db.transaction('rw', db.audit, db.settings, () => append(db, input, now));
};

/** Flattens a settings patch to dotted paths → new values for the audit detail. */
export const summarizePatch = (patch: Record<string, unknown>, prefix = ''): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, summarizePatch(value as Record<string, unknown>, path));
    else out[path] = value;
  }
  return out;
};

/** Audits a change to host or local settings (RULES.md 6-7): which fields, to what, by whom. */
export const auditSettingsChange = (
  db: CountersignDb,
  actor: string,
  patchSummary: Record<string, unknown>,
  result: 'ok' | 'fail' = 'ok',
  now: number = Date.now(),
): Promise<AuditEntry> => {
  const changes = summarizePatch(patchSummary);
  return appendAudit(db, { actor, action: 'settings.change', objectType: 'settings', objectId: Object.keys(changes).sort().join(','), result, detail: { changes } }, now);
};

/**
 * Walks the chain in seq order, `chunkSize` entries per read transaction (never the whole
 * table in memory), and names the first entry that was edited, inserted, deleted or
 * reordered. The last chunk and the recorded head are read in one transaction, so appends
 * made while verifying do not look like tampering.
 */
export const verifyChain = async (db: CountersignDb, options: { chunkSize?: number; lookahead?: number } = {}): Promise<ChainVerdict> => {
  const chunkSize = Math.max(1, options.chunkSize ?? 2000);
  const lookahead = Math.max(0, options.lookahead ?? 64);
  const verifier = new ChainVerifier({ windowSize: Math.max(4096, chunkSize + lookahead) });
  let after: IndexableType = -Infinity;
  for (;;) {
    const { rows, head, last } = await db.transaction('r', db.audit, db.settings, async () => {
      const rows = await db.audit.where('seq').above(after).limit(chunkSize + lookahead).toArray();
      // Fewer rows than asked for: the table ends here, so read the head in this snapshot.
      const last = rows.length < chunkSize + lookahead;
      return { rows, last, head: last ? await readHead(db) : null };
    });
    const verifyCount = last ? rows.length : chunkSize;
    const bad = verifier.push(rows, verifyCount);
    if (bad) return bad;
    if (last) {
      const verdict = verifier.finish(head);
      if (!verdict.ok && verdict.entryId === null && verdict.problem !== 'deleted') {
        return { ...verdict, entryId: (await db.audit.get(verdict.firstBadSeq))?.id ?? null };
      }
      return verdict;
    }
    after = rows[verifyCount - 1]?.seq ?? after;
  }
};

/** The newest entries, newest first. */
export const recentAudit = (db: CountersignDb, limit: number): Promise<AuditEntry[]> => db.audit.orderBy('seq').reverse().limit(limit).toArray();

/** What the audit screen filters by; every part is optional. */
export interface AuditQuery {
  /** An operator id; '' for entries written before anyone signed in. */
  actor?: string | null;
  result?: 'ok' | 'fail' | null;
  /** Keeps entries whose action passes (one group of actions). */
  action?: ((action: string) => boolean) | null;
  /** Unix ms: entries written at or after `from` and before `to`. */
  from?: number | null;
  to?: number | null;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Read below this seq for the next (older) page; null when the log has no more. */
  next: number | null;
  /** The scan stopped at `next` before a full page was found (sparse matches): the next page goes on looking. */
  partial: boolean;
}

const SCAN_CHUNK = 500;

/** Seq bounds of a time range, from the `at` index (entries are appended in time order). */
const seqRange = async (db: CountersignDb, q: AuditQuery): Promise<{ lower: number; upper: number } | null> => {
  let lower = 0;
  let upper = Number.MAX_SAFE_INTEGER;
  if (q.from != null) {
    const first = await db.audit.where('at').aboveOrEqual(new Date(q.from).toISOString()).first();
    if (!first) return null;
    lower = first.seq;
  }
  if (q.to != null) {
    const last = await db.audit.where('at').below(new Date(q.to).toISOString()).last();
    if (!last) return null;
    upper = last.seq + 1;
  }
  return { lower, upper };
};

/**
 * One page of the log, newest first, keyset-paged by seq (`before` = the previous page's `next`).
 * Filters that have no index (operator, result, action group) are checked row by row, reading at
 * most `maxScan` entries per page: a filter that matches little never reads the whole table at
 * once, it continues on the next page.
 */
export const auditPage = (db: CountersignDb, q: AuditQuery, before: number | null, limit: number, maxScan = 5000): Promise<AuditPage> =>
  db.transaction('r', db.audit, async () => {
    const range = await seqRange(db, q);
    if (!range) return { entries: [], next: null, partial: false };
    const fromIso = q.from != null ? new Date(q.from).toISOString() : null;
    const toIso = q.to != null ? new Date(q.to).toISOString() : null;
    const keep = (e: AuditEntry): boolean =>
      (q.actor == null || e.actor === q.actor) && (!q.result || e.result === q.result) && (!q.action || q.action(e.action)) && (!fromIso || e.at >= fromIso) && (!toIso || e.at < toIso);
    const entries: AuditEntry[] = [];
    let cursor = Math.min(before ?? Number.MAX_SAFE_INTEGER, range.upper);
    let scanned = 0;
    for (;;) {
      const chunk = Math.max(1, Math.min(SCAN_CHUNK, maxScan - scanned));
      const rows = cursor <= range.lower ? [] : await db.audit.where('seq').between(range.lower, cursor, true, false).reverse().limit(chunk).toArray();
      for (const row of rows) {
        scanned += 1;
        cursor = row.seq;
        if (!keep(row)) continue;
        entries.push(row);
        if (entries.length === limit) {
          const more = row.seq > range.lower;
          return { entries, next: more ? row.seq : null, partial: false };
        }
      }
      if (rows.length < chunk) return { entries, next: null, partial: false };
      if (scanned >= maxScan) return { entries, next: cursor, partial: true };
    }
  });

/** Entries about one object (a sale, an operator), oldest first. */
export const auditFor = (db: CountersignDb, objectId: string): Promise<AuditEntry[]> =>
  db.audit.where('[objectId+seq]').between([objectId, Dexie.minKey], [objectId, Dexie.maxKey]).toArray();

/** The recorded head: last seq (= number of entries) and its hash. */
export const auditHead = async (db: CountersignDb): Promise<ChainHead> => (await readHead(db)) ?? EMPTY_HEAD;

export interface CheckpointSubject {
  seq: number;
  hash: string;
  device: string;
  /** ISO-8601 UTC when the head was read. */
  at: string;
}

/**
 * Seam for signed checkpoints (a later issue): what the device's Ed25519 key will sign.
 * Main signs it and the signature is stored beside the log; nothing is signed here.
 */
export const headForCheckpoint = (db: CountersignDb, now: number = Date.now()): Promise<CheckpointSubject> =>
  db.transaction('rw', db.audit, db.settings, async () => {
    const head = (await readHead(db)) ?? EMPTY_HEAD;
    return { seq: head.seq, hash: head.hash, device: await deviceId(db, now), at: new Date(now).toISOString() };
  });
