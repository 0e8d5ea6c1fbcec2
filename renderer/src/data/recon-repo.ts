import { appendAudit, auditTables } from './audit-repo';
import type { CountersignDb } from './db';
import type { ReconImportRecord, ReconRowRecord, ReconSourceRecord } from './records-eod';

/**
 * Reconciliation sources (with their saved mapping), imports and imported rows. An import is
 * stored in one transaction with its audit entry: all its rows or none. Bulk: relaxed durability
 * is fine for the rows (ARCHITECTURE), but they share the transaction with the import record, so
 * a crash leaves either the whole import or nothing.
 */
export const listSources = (db: CountersignDb): Promise<ReconSourceRecord[]> => db.reconSources.orderBy('id').toArray();

export const sourceForSignature = async (db: CountersignDb, signature: string): Promise<ReconSourceRecord | null> => (await db.reconSources.where('signature').equals(signature).first()) ?? null;

export const importByHash = async (db: CountersignDb, sha256: string): Promise<ReconImportRecord | null> => (await db.reconImports.where('sha256').equals(sha256).first()) ?? null;

/** Fingerprints already stored for a side on the given days (to skip rows an overlapping file already brought). */
export const knownFingerprints = async (db: CountersignDb, side: ReconRowRecord['side'], days: readonly string[]): Promise<Set<string>> => {
  const known = new Set<string>();
  for (const day of days) {
    await db.reconRows
      .where('[side+day]')
      .equals([side, day])
      .each((r) => {
        known.add(r.fingerprint);
      });
  }
  return known;
};

export class ImportConflict extends Error {
  constructor(readonly reason: 'already-imported' | 'day-locked', readonly detail: string) {
    super(`import refused: ${reason} (${detail})`);
  }
}

/**
 * Stores an import: the source (created or its mapping updated), the import record and every new
 * row, checked again inside the transaction (same file, locked days), with its audit entry.
 * `onProgress` is told after each chunk of rows.
 */
export const storeImport = (
  db: CountersignDb,
  input: { source: ReconSourceRecord; record: ReconImportRecord; rows: readonly ReconRowRecord[]; actor: string },
  onProgress?: (stored: number) => void,
): Promise<ReconImportRecord> =>
  db.transaction('rw', [db.reconSources, db.reconImports, db.reconRows, db.reconDays, ...auditTables(db)], async () => {
    const same = await db.reconImports.where('sha256').equals(input.record.sha256).first();
    if (same) throw new ImportConflict('already-imported', same.id);
    const locked = (await db.reconDays.bulkGet(input.record.days)).find((d) => d !== undefined);
    if (locked) throw new ImportConflict('day-locked', locked.day);
    await db.reconSources.put(input.source);
    await db.reconImports.add(input.record);
    const chunk = 10_000;
    for (let i = 0; i < input.rows.length; i += chunk) {
      await db.reconRows.bulkAdd(input.rows.slice(i, i + chunk));
      onProgress?.(Math.min(input.rows.length, i + chunk));
    }
    await appendAudit(db, {
      actor: input.actor,
      action: 'recon.import',
      objectType: 'recon-import',
      objectId: input.record.id,
      result: 'ok',
      detail: { source: input.source.name, side: input.record.side, file: input.record.fileName, sha256: input.record.sha256, rows: input.record.rows, added: input.record.added, days: input.record.days },
    });
    return input.record;
  });

/** Imports newest first. */
export const listImports = (db: CountersignDb, limit = 50): Promise<ReconImportRecord[]> => db.reconImports.orderBy('importedAt').reverse().limit(limit).toArray();

/** Rows of one side in [fromDay, toDay]. */
export const rowsBetween = (db: CountersignDb, side: ReconRowRecord['side'], fromDay: string, toDay: string): Promise<ReconRowRecord[]> =>
  db.reconRows.where('[side+day]').between([side, fromDay], [side, toDay], true, true).toArray();

export const rowsByIds = async (db: CountersignDb, ids: readonly string[]): Promise<ReconRowRecord[]> => (await db.reconRows.bulkGet([...ids])).filter((r): r is ReconRowRecord => r !== undefined);

export const bankRowsBetween = (db: CountersignDb, fromDay: string, toDay: string): Promise<ReconRowRecord[]> => rowsBetween(db, 'bank', fromDay, toDay);

