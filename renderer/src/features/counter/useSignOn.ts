import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { appendAudit } from '../../data/audit-repo';
import { useRoot } from '../session/RootContext';

export type SignOnState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'signed-on' } | { kind: 'failed'; code: string | null; reason: string };

/**
 * "Sign on again" after A0 / a MAC failure (PRODUCT problem 2): new working keys from the host.
 * The link would also sign on by itself before the next request; this lets the cashier see it
 * work before ringing up the next sale. Every attempt is audited.
 */
export const useSignOn = (operatorId: string): { state: SignOnState; signOn: () => Promise<void> } => {
  const { db } = useRoot();
  const [state, setState] = useState<SignOnState>({ kind: 'idle' });
  const signOn = useCallback(async () => {
    setState({ kind: 'busy' });
    const answer = await api.invoke('acquirer:sign-on', {});
    const next: SignOnState = !answer.ok
      ? { kind: 'failed', code: null, reason: answer.error.reason ?? answer.error.code }
      : answer.value.outcome === 'approved'
        ? { kind: 'signed-on' }
        : { kind: 'failed', code: answer.value.responseCode, reason: answer.value.failure ?? answer.value.outcome };
    await appendAudit(db, {
      actor: operatorId,
      action: 'acquirer.sign-on',
      objectType: 'acquirer',
      objectId: answer.ok ? (answer.value.batch ?? '') : '',
      result: next.kind === 'signed-on' ? 'ok' : 'fail',
      detail: next.kind === 'failed' ? { code: next.code, reason: next.reason } : {},
    });
    setState(next);
  }, [operatorId, db]);
  return { state, signOn };
};
