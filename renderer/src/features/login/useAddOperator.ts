import { useCallback } from 'react';
import { getDb } from '../../data/db';
import type { Role } from '../../data/records';
import { addOperator, setOperatorDisabled } from './operators';

export const useOperatorAdmin = (actorId: string) => {
  const add = useCallback(async (name: string, pin: string, role: Role): Promise<string | null> => {
    const result = await addOperator(getDb(), { name, pin, role, createdBy: actorId });
    return result.ok ? null : result.problem;
  }, [actorId]);
  const setDisabled = useCallback((id: string, disabled: boolean) => setOperatorDisabled(getDb(), id, disabled, actorId), [actorId]);
  return { add, setDisabled };
};
