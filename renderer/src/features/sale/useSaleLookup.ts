import { useLiveQuery } from 'dexie-react-hooks';
import type { SaleRecord } from '../../data/records';
import { getSale } from '../../data/sales-repo';
import { useRoot } from '../session/RootContext';

export const useSaleLookup = (id: string | null): SaleRecord | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (id ? getSale(db, id) : undefined), [db, id]);
};
