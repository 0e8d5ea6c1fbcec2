import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { listOperators } from './operators';
import type { PublicOperator } from './operators';

/** All operators, live; undefined while loading. */
export const useOperators = (): PublicOperator[] | undefined => useLiveQuery(() => listOperators(getDb()), []);
