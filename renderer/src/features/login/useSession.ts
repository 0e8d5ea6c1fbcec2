import { useCallback, useState } from 'react';
import { getDb } from '../../data/db';
import { appendAudit } from '../audit/audit-log';
import { checkPin, createFirstManager } from './operators';
import type { PublicOperator } from './operators';

export type SessionState =
  | { kind: 'signed-out' }
  | { kind: 'active'; operator: PublicOperator }
  | { kind: 'locked'; operator: PublicOperator; idle: boolean };

/**
 * Who is at the counter. Held in memory only: a reload or restart asks for the PIN again.
 * Every transition is audited; PIN checks audit their own success or failure.
 */
export const useSession = () => {
  const [state, setState] = useState<SessionState>({ kind: 'signed-out' });

  const createManager = useCallback(async (name: string, pin: string): Promise<string | null> => {
    const result = await createFirstManager(getDb(), name, pin);
    if (!result.ok) return result.problem;
    await appendAudit(getDb(), { actor: result.operator.id, action: 'login', objectType: 'operator', objectId: result.operator.id, result: 'ok', detail: { firstRun: true } });
    setState({ kind: 'active', operator: result.operator });
    return null;
  }, []);

  const login = useCallback(async (operatorId: string, pin: string): Promise<string | null> => {
    const op = await checkPin(getDb(), operatorId, pin, 'login');
    if (!op) return 'wrong-pin';
    setState({ kind: 'active', operator: op });
    return null;
  }, []);

  const unlock = useCallback(async (operatorId: string, pin: string): Promise<string | null> => {
    const op = await checkPin(getDb(), operatorId, pin, 'unlock');
    if (!op) return 'wrong-pin';
    setState({ kind: 'active', operator: op });
    return null;
  }, []);

  const lock = useCallback((idle: boolean) => {
    setState((s) => {
      if (s.kind !== 'active') return s;
      void appendAudit(getDb(), { actor: s.operator.id, action: idle ? 'lock.idle' : 'lock', objectType: 'operator', objectId: s.operator.id, result: 'ok' });
      return { kind: 'locked', operator: s.operator, idle };
    });
  }, []);

  const logout = useCallback(() => {
    setState((s) => {
      if (s.kind === 'signed-out') return s;
      void appendAudit(getDb(), { actor: s.operator.id, action: 'logout', objectType: 'operator', objectId: s.operator.id, result: 'ok' });
      return { kind: 'signed-out' };
    });
  }, []);

  return { state, createManager, login, unlock, lock, logout };
};
