import type { CountersignDb } from '../data/db';
import { requestPersistentStorage } from '../data/storage-status';

/** Asks the browser once, at first run, to keep this origin's storage (not evicted under pressure). */
export const requestPersistenceOnce = async (db: CountersignDb): Promise<void> => {
  await requestPersistentStorage(db);
};
