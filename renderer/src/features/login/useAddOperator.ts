import { useCallback } from 'react';
import type { Role } from '../../data/records';
import { addOperator, setOperatorDisabled } from '../../services/operators';
import type { OperatorProblem } from '../../services/operators';
import { useRoot } from '../session/RootContext';

export const useOperatorAdmin = (actorId: string) => {
  const { db } = useRoot();
  const add = useCallback(
    async (name: string, pin: string, role: Role): Promise<OperatorProblem | null> => {
      const result = await addOperator(db, { name, pin, role, createdBy: actorId });
      return result.ok ? null : result.problem;
    },
    [actorId, db],
  );
  const setDisabled = useCallback((id: string, disabled: boolean): Promise<OperatorProblem | null> => setOperatorDisabled(db, id, disabled, actorId), [actorId, db]);
  return { add, setDisabled };
};
