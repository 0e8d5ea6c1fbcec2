import { useLiveQuery } from 'dexie-react-hooks';
import { unsignedSummary } from '../../data/sales-views';
import type { UnsignedSummary } from '../../data/sales-views';
import { useRoot } from '../session/RootContext';

/** Unsigned sales: the view's running count and the oldest one's time (data/sales-views.ts). */
export const useUnsignedSummary = (): UnsignedSummary | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => unsignedSummary(db), [db]);
};
