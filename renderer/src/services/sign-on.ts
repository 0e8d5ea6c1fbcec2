import type { CountersignApi } from '../../../shared/ipc/contract';
import { appendAudit } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';

/**
 * "Sign on again" (重新签到) after A0 or a MAC failure (PRODUCT problem 2): new working keys from
 * the card host. The link would also sign on by itself before the next request; this lets the
 * cashier see it work. Every attempt is audited; taken as the remedy of a failed 校验签名 the entry
 * is written on the sale and names the signature, so the sale's history shows it.
 */
export type SignOnOutcome = { kind: 'signed-on' } | { kind: 'failed'; code: string | null; reason: string };

export interface SignOnDeps {
  db: CountersignDb;
  api: CountersignApi;
  operatorId: string;
}

export const signOnAgain = async (deps: SignOnDeps, remedyFor: { saleId: string; signatureId: string | null } | null = null): Promise<SignOnOutcome> => {
  const answer = await deps.api.invoke('acquirer:sign-on', {});
  const outcome: SignOnOutcome = !answer.ok
    ? { kind: 'failed', code: null, reason: answer.error.reason ?? answer.error.code }
    : answer.value.outcome === 'approved'
      ? { kind: 'signed-on' }
      : { kind: 'failed', code: answer.value.responseCode, reason: answer.value.failure ?? answer.value.outcome };
  const failure = outcome.kind === 'failed' ? { code: outcome.code, reason: outcome.reason } : {};
  await appendAudit(deps.db, {
    actor: deps.operatorId,
    action: 'acquirer.sign-on',
    objectType: remedyFor ? 'sale' : 'acquirer',
    objectId: remedyFor ? remedyFor.saleId : answer.ok ? (answer.value.batch ?? '') : '',
    result: outcome.kind === 'signed-on' ? 'ok' : 'fail',
    detail: remedyFor ? { ...failure, remedyFor: remedyFor.signatureId, remedy: 'sign-on-again', batch: answer.ok ? (answer.value.batch ?? null) : null } : failure,
  });
  return outcome;
};
