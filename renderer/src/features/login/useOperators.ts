import { useLiveQuery } from 'dexie-react-hooks';
import { listOperators } from '../../data/operators-repo';
import type { PublicOperator } from '../../data/operators-repo';
import { useRoot } from '../session/RootContext';

/** All operators, live; undefined while loading. */
export const useOperators = (): PublicOperator[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => listOperators(db), [db]);
};
