import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { listOperators } from '../../data/operators-repo';
import type { PublicOperator } from '../../data/operators-repo';

/** All operators as mirrored from main (names for display), live; undefined while loading. */
export const useOperators = (): PublicOperator[] | undefined => useLiveQuery(() => listOperators(getDb()), []);
