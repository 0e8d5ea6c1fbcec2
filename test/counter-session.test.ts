import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/domain/ids';
import { applySettingsPatch, defaultSettings } from '../shared/domain/settings';
import type { CountersignApi } from '../shared/ipc/contract';
import { CountersignDb } from '../renderer/src/data/db';
import { CounterSession } from '../renderer/src/services/counter-session';
import { InFlight } from '../renderer/src/services/in-flight';
import type { Logger } from '../renderer/src/services/logger';
import { PrintSale } from '../renderer/src/services/print-sale';
import { SignatureActions } from '../renderer/src/services/signature-actions';
import { FakeAcquirerApi } from './fakes/fake-acquirer';
import { summary } from './host-sim/console-under-test';

/** The counter session alone (services/counter-session.ts), over the fake acquirer: no React, no screen. */
const make = () => {
  const db = new CountersignDb(`session-${uuidv7()}`);
  const fake = new FakeAcquirerApi();
  const api = { invoke: (command: string, request: unknown) => (command.startsWith('acquirer:') ? fake.invoke(command as never, request as never) : Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: 'no printer here' } })), on: () => () => undefined } as unknown as CountersignApi;
  const settings = applySettingsPatch(defaultSettings(), { signature: { rule: 'always' } });
  const errors: string[] = [];
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (e) => errors.push(e) };
  const operator = { id: 'op-1', name: 'Op', role: 'cashier' as const };
  const signatures = new SignatureActions({ db, api, operator, settings: () => settings, approveAsManager: () => Promise.resolve({ ok: false, reason: 'wrong-pin', retryAfterMs: null }) });
  const session = new CounterSession({
    send: { db, api, operatorId: operator.id, settings: () => settings, inFlight: new InFlight(), now: () => Date.now(), settleFirst: () => Promise.resolve([]) },
    signatures,
    printing: new PrintSale({ db, api, settings: () => settings, operator }),
    linkOnline: () => true,
    settings: () => settings,
    logger,
  });
  return { db, session, errors, fake };
};

describe('CounterSession', () => {
  it('walks amount → card → approved (unsigned at once) → signature → unsigned finish, telling subscribers each step', async () => {
    const { db, session } = make();
    const steps: string[] = [];
    session.subscribe(() => steps.push(session.getSnapshot().step.kind));
    await session.start(1200, '', '');
    await session.onCard(summary('cr_test1'));
    const result = session.getSnapshot().step;
    expect(result).toMatchObject({ kind: 'result', result: { kind: 'approved', sale: { signatureState: 'unsigned' } } });
    session.proceedAfterResult();
    session.declineSignature();
    expect(session.getSnapshot().step).toMatchObject({ kind: 'unsigned', mode: 'allowed' });
    expect(await session.finishUnsigned(null)).toBe('ok');
    expect(session.getSnapshot().step).toMatchObject({ kind: 'done', sale: { signatureState: 'unsigned' } });
    // 'authorizing' shows only when the answer takes longer than 0.1 s (a loaded machine).
    expect(steps.filter((s) => s !== 'authorizing')).toEqual(['card', 'result', 'signature', 'unsigned', 'done']);
    expect((await db.printJobs.toArray()).map((j) => j.copy)).toEqual(['merchant', 'customer']);
  });

  it('a second action while one runs is refused at once: every call settles, nothing runs twice', async () => {
    const { db, session } = make();
    const [a, b] = await Promise.all([session.start(1200, '', ''), session.start(1300, '', '')]);
    expect([a, b]).toContain('busy');
    expect(await db.sales.count()).toBe(1);
    await session.onCard(summary('cr_test2'));
    session.proceedAfterResult();
    session.declineSignature();
    const outcomes = await Promise.all([session.finishUnsigned(null), session.finishUnsigned(null)]);
    expect(outcomes.sort()).toEqual(['busy', 'ok']);
  });

  it('a step that cannot be saved is shown and logged; the step stays where it was', async () => {
    const { db, session, errors } = make();
    db.sales.add = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof db.sales.add;
    expect(await session.start(1200, '', '')).toBe('failed');
    expect(session.getSnapshot()).toMatchObject({ step: { kind: 'amount' }, error: 'storage-full' });
    expect(errors).toEqual(['counter.action-failed']);
  });
  it('a chip card read by its stripe stops before anything is sent: cancelling leaves the sale cancelled and uncharged', async () => {
    const { db, session, fake } = make();
    await session.start(1500, '', '');
    await session.onCard({ ...summary('cr_chip1'), chip: true });
    const step = session.getSnapshot().step;
    expect(step).toMatchObject({ kind: 'chip-swiped', card: { chip: true } });
    expect(fake.link.calls).toEqual([]);
    await session.confirmChipSwipe(false);
    expect(session.getSnapshot().step).toEqual({ kind: 'amount' });
    const [sale] = await db.sales.toArray();
    expect(sale?.state).toBe('cancelled');
    expect(fake.link.calls).toEqual([]);
  });

  it('going on by the stripe after the warning charges once', async () => {
    const { db, session, fake } = make();
    await session.start(1600, '', '');
    await session.onCard({ ...summary('cr_chip2'), chip: true });
    await session.confirmChipSwipe(true);
    expect(session.getSnapshot().step).toMatchObject({ kind: 'result', result: { kind: 'approved' } });
    const [sale] = await db.sales.toArray();
    expect(fake.link.count('authorize', sale?.id)).toBe(1);
  });
});
