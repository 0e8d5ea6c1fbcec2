import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';

export const useSaleLookup = (id: string | null): SaleRecord | undefined => useLiveQuery(async () => (id ? getDb().sales.get(id) : undefined), [id]);
