import type { CountersignDb } from './db';
import { getSetting, setSetting } from './settings-repo';
import type { PersistResult } from './settings-repo';

/**
 * Persistent storage: IndexedDB is the system of record, so at first run the console asks the
 * browser not to evict it under storage pressure (navigator.storage.persist) and remembers
 * the answer. Every call tolerates a browser or test environment without StorageManager.
 */
type StorageLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

/** `navigator.storage` is missing in insecure contexts and older engines, whatever lib.dom says. */
const defaultStorage = (): StorageLike | undefined => {
  if (typeof navigator === 'undefined') return undefined;
  const storage: StorageManager | undefined = navigator.storage;
  return storage;
};

/**
 * Asks once per profile and stores the answer; later calls return the stored answer without
 * asking again (browsers may prompt). Call after the first manager is created.
 */
export const requestPersistentStorage = async (db: CountersignDb, storage: StorageLike | undefined = defaultStorage(), now: number = Date.now()): Promise<PersistResult> => {
  const asked = await getSetting(db, 'storage.persist-requested');
  if (asked) return asked;
  let granted: boolean | null = null;
  if (typeof storage?.persist === 'function') {
    try {
      granted = await storage.persist();
    } catch {
      granted = false;
    }
  }
  const result: PersistResult = { granted, at: now };
  await setSetting(db, 'storage.persist-requested', result, now);
  return result;
};

/** What the first run's request answered, for the About page; undefined before it was asked. */
export const persistRequestAnswer = (db: CountersignDb): Promise<PersistResult | undefined> => getSetting(db, 'storage.persist-requested');

export interface StorageEstimateInfo {
  /** Whether the origin's storage is persistent now; null where the API is absent. */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** The current state and quota, for the About page. Never throws. */
export const storageEstimate = async (storage: StorageLike | undefined = defaultStorage()): Promise<StorageEstimateInfo> => {
  const persisted = typeof storage?.persisted === 'function' ? await storage.persisted().catch(() => null) : null;
  const estimate = typeof storage?.estimate === 'function' ? await storage.estimate().catch(() => null) : null;
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
};
