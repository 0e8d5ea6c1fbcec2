import { useCallback, useState } from 'react';
import { appendAudit } from '../../data/audit-repo';
import type { PublicOperator } from '../../data/operators-repo';
import { checkPin, createFirstManager } from '../../services/operators';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';

export type SessionState =
  | { kind: 'signed-out' }
  | { kind: 'active'; operator: PublicOperator }
  | { kind: 'locked'; operator: PublicOperator; idle: boolean };

/**
 * Who is at the counter. Held in memory only: a reload or restart asks for the PIN again.
 * Every transition is audited; PIN checks audit their own success or failure.
 */
export const useSession = () => {
  const { db, logger } = useRoot();
  const [state, setState] = useState<SessionState>({ kind: 'signed-out' });

  const createManager = useCallback(
    async (name: string, pin: string): Promise<string | null> => {
      const result = await createFirstManager(db, name, pin);
      if (!result.ok) return result.problem;
      await appendAudit(db, { actor: result.operator.id, action: 'login', objectType: 'operator', objectId: result.operator.id, result: 'ok', detail: { firstRun: true } });
      setState({ kind: 'active', operator: result.operator });
      return null;
    },
    [db],
  );

  const login = useCallback(
    async (operatorId: string, pin: string): Promise<string | null> => {
      const op = await checkPin(db, operatorId, pin, 'login');
      if (!op) return 'wrong-pin';
      setState({ kind: 'active', operator: op });
      return null;
    },
    [db],
  );

  const unlock = useCallback(
    async (operatorId: string, pin: string): Promise<string | null> => {
      const op = await checkPin(db, operatorId, pin, 'unlock');
      if (!op) return 'wrong-pin';
      setState({ kind: 'active', operator: op });
      return null;
    },
    [db],
  );

  const lock = useCallback(
    (idle: boolean) => {
      setState((s) => {
        if (s.kind !== 'active') return s;
        fireAndLog(logger, 'audit.lock-failed', appendAudit(db, { actor: s.operator.id, action: idle ? 'lock.idle' : 'lock', objectType: 'operator', objectId: s.operator.id, result: 'ok' }));
        return { kind: 'locked', operator: s.operator, idle };
      });
    },
    [db, logger],
  );

  const logout = useCallback(() => {
    setState((s) => {
      if (s.kind === 'signed-out') return s;
      fireAndLog(logger, 'audit.logout-failed', appendAudit(db, { actor: s.operator.id, action: 'logout', objectType: 'operator', objectId: s.operator.id, result: 'ok' }));
      return { kind: 'signed-out' };
    });
  }, [db, logger]);

  return { state, createManager, login, unlock, lock, logout };
};
