import { getDb } from '../data/db';

/**
 * Asks the browser once, at first run, to keep this origin's storage persistent (not evicted
 * under storage pressure). The answer is remembered; the About page shows the current state.
 */
export const requestPersistenceOnce = async (): Promise<void> => {
  const db = getDb();
  if (await db.settings.get('storage.persist-requested')) return;
  const granted = navigator.storage?.persist ? await navigator.storage.persist() : null;
  await db.settings.put({ key: 'storage.persist-requested', value: { granted, at: Date.now() }, updatedAt: Date.now() });
};
