import { createContext, useContext } from 'react';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { Logger } from '../../services/logger';
import type { OperatorSession } from '../../services/operator-session';

/**
 * What exists before anyone signs in, built once by the entry point (main.tsx) and passed down:
 * the database (read through repositories only), the bridge to main, the logger, when this
 * run started, and this window's operator session as main holds it.
 */
export interface Root {
  db: CountersignDb;
  /** The same database opened with relaxed durability: bulk imports only (reconciliation files). */
  bulkDb?: CountersignDb;
  api: CountersignApi;
  logger: Logger;
  runStartedAt: number;
  session: OperatorSession;
}

export const RootContext = createContext<Root | null>(null);

export const useRoot = (): Root => {
  const value = useContext(RootContext);
  if (!value) throw new Error('useRoot outside the app root');
  return value;
};
