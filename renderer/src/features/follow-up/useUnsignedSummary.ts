import { useLiveQuery } from 'dexie-react-hooks';
import Dexie from 'dexie';
import { getDb } from '../../data/db';

export interface UnsignedSummary {
  count: number;
  oldestAt: number | null;
}

/** Unsigned sales: the running count and the oldest one's time (first row of the index). */
export const useUnsignedSummary = (): UnsignedSummary | undefined =>
  useLiveQuery(async () => {
    const db = getDb();
    const count = (await db.counters.get('signature:unsigned'))?.value ?? 0;
    const oldest = count > 0 ? await db.sales.where('[signatureState+createdAt]').between(['unsigned', Dexie.minKey], ['unsigned', Dexie.maxKey]).first() : undefined;
    return { count, oldestAt: oldest?.createdAt ?? null };
  }, []);
