import type { CountersignDb } from './db';

/**
 * Running totals (per-filter counts of the live list, open cases) kept in the same
 * transaction as the writes they count, so nothing on start-up counts a large table
 * (ARCHITECTURE "Performance notes": count() at 1M rows takes about 0.6 s).
 */

/** Adds each delta to its counter. Call inside the transaction that makes the change. */
export const bumpCounters = async (db: CountersignDb, deltas: Readonly<Record<string, number>>): Promise<void> => {
  const keys = Object.keys(deltas).filter((k) => deltas[k] !== 0);
  if (keys.length === 0) return;
  const rows = await db.counters.bulkGet(keys);
  await db.counters.bulkPut(keys.map((key, i) => ({ key, value: (rows[i]?.value ?? 0) + (deltas[key] ?? 0) })));
};

/** +1 for keys only in `after`, -1 for keys only in `before` (a record moving between buckets). */
export const bucketDeltas = (before: readonly string[], after: readonly string[]): Record<string, number> => {
  const deltas: Record<string, number> = {};
  for (const k of before) if (!after.includes(k)) deltas[k] = (deltas[k] ?? 0) - 1;
  for (const k of after) if (!before.includes(k)) deltas[k] = (deltas[k] ?? 0) + 1;
  return deltas;
};

export const readCounter = async (db: CountersignDb, key: string): Promise<number> => (await db.counters.get(key))?.value ?? 0;

export const readCounters = async <K extends string>(db: CountersignDb, keys: readonly K[]): Promise<Record<K, number>> => {
  const rows = await db.counters.bulkGet([...keys]);
  return Object.fromEntries(keys.map((k, i) => [k, rows[i]?.value ?? 0])) as Record<K, number>;
};
