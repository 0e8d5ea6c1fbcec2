import { api } from '../api/client';
import { getDb } from '../data/db';
import { OperatorSession } from '../services/operator-session';

/** The one operator session service of this window, built at start (like `api`). */
export const operatorSession = new OperatorSession(api, getDb());
