import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie';
import type { CountersignDb } from './db';

/**
 * A test seam for "the disk is full" (issue 17, item 5): a DBCore middleware that makes the
 * storage layer refuse writes from a chosen one on, the way IndexedDB does when the origin's
 * quota runs out (a QuotaExceededError on the request, the transaction aborted). Installed only
 * by tests, on their own database; the app never installs it.
 */
export interface StorageFault {
  /** Only writes to this table count and fail; every table when absent. */
  table?: string;
  /** The first failing write among those that count (1 = the next one). */
  nth?: number;
}

export interface StorageSeam {
  /** Writes refused so far. */
  readonly refused: number;
  /** The disk fills: from the fault's write on, matching writes are refused until `free`. */
  fill(fault?: StorageFault): void;
  /** Space freed: writes succeed again. */
  free(): void;
}

export const quotaExceeded = (): Error => new DOMException('The quota has been exceeded (storage seam).', 'QuotaExceededError');

/** Install before the database is first used; the disk starts with space (`fill` to make it full). */
export const installStorageSeam = (db: CountersignDb): StorageSeam => {
  let counted = 0;
  let refused = 0;
  let full = false;
  let fault: StorageFault = {};
  let from = 1;
  const guard = (name: string, table: DBCoreTable): DBCoreTable => ({
    ...table,
    mutate: (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
      if (!full || (fault.table !== undefined && fault.table !== name)) return table.mutate(req);
      counted += 1;
      if (counted < from) return table.mutate(req);
      refused += 1;
      // A full disk stays full until the shop frees space.
      return Promise.reject(quotaExceeded());
    },
  });
  db.use({ stack: 'dbcore', name: 'storage-seam', create: (down: DBCore): DBCore => ({ ...down, table: (name: string) => guard(name, down.table(name)) }) });
  return {
    get refused() {
      return refused;
    },
    fill: (next: StorageFault = {}) => {
      fault = next;
      from = next.nth ?? 1;
      counted = 0;
      full = true;
    },
    free: () => {
      full = false;
    },
  };
};
