import { useSyncExternalStore } from 'react';
import type { OperatorSession, SessionSnapshot } from '../../services/operator-session';

/** This window's session as main reports it (services/operator-session.ts). */
export const useOperatorSession = (session: OperatorSession): SessionSnapshot => useSyncExternalStore(session.subscribe, session.getSnapshot);
