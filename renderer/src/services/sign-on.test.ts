import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CountersignApi } from '../../../shared/ipc/contract';
import { CountersignDb } from '../data/db';
import { signOnAgain } from './sign-on';

const host = (outcome: 'approved' | 'declined', responseCode: string) =>
  ({
    invoke: () => Promise.resolve({ ok: true, value: { outcome, responseCode, authCode: null, rrn: null, stan: null, batch: '000002', hostTime: null, failure: null, resign: false } }),
    on: () => () => undefined,
  }) as unknown as CountersignApi;

describe('signOnAgain', () => {
  it('audits a sign-on from the counter on the acquirer', async () => {
    const db = new CountersignDb(`sign-on-${uuidv7()}`);
    expect(await signOnAgain({ db, api: host('approved', '00'), operatorId: 'op' })).toEqual({ kind: 'signed-on' });
    expect((await db.audit.toArray()).map((e) => [e.action, e.objectType, e.objectId, e.result])).toEqual([['acquirer.sign-on', 'acquirer', '000002', 'ok']]);
  });

  it('taken as the remedy of a failed check, the entry is on the sale and names the signature, also when the host refuses', async () => {
    const db = new CountersignDb(`sign-on-${uuidv7()}`);
    const outcome = await signOnAgain({ db, api: host('declined', 'A0'), operatorId: 'op' }, { saleId: 'sale-1', signatureId: 'sig-1' });
    expect(outcome).toEqual({ kind: 'failed', code: 'A0', reason: 'declined' });
    const [entry] = await db.audit.toArray();
    expect(entry).toMatchObject({ action: 'acquirer.sign-on', objectType: 'sale', objectId: 'sale-1', result: 'fail', detail: { remedyFor: 'sig-1', remedy: 'sign-on-again', code: 'A0' } });
  });
});
