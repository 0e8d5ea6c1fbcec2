import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { signOnAgain } from '../../services/sign-on';
import type { SignOnOutcome } from '../../services/sign-on';
import { useRoot } from '../session/RootContext';

export type SignOnState = { kind: 'idle' } | { kind: 'busy' } | SignOnOutcome;

/** "Sign on again" after A0 / a MAC failure (services/sign-on.ts); every attempt is audited there. */
export const useSignOn = (operatorId: string): { state: SignOnState; signOn: () => Promise<void> } => {
  const { db } = useRoot();
  const [state, setState] = useState<SignOnState>({ kind: 'idle' });
  const signOn = useCallback(async () => {
    setState({ kind: 'busy' });
    setState(await signOnAgain({ db, api, operatorId }));
  }, [operatorId, db]);
  return { state, signOn };
};
