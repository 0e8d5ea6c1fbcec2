import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { applySettingsPatch, defaultSettings } from '../../../shared/domain/settings';
import type { CardSummary } from '../../../shared/ipc/commands/card-reader';
import type { CountersignApi } from '../../../shared/ipc/contract';
import { verifyChain } from '../data/audit-repo';
import { CountersignDb } from '../data/db';
import { isStorageFull } from '../data/storage-errors';
import { installStorageSeam } from '../data/storage-seam';
import type { StorageSeam } from '../data/storage-seam';
import { CounterSession } from './counter-session';
import { InFlight } from './in-flight';
import type { Logger } from './logger';
import { PrintSale } from './print-sale';
import { SignatureActions } from './signature-actions';

/**
 * Issue 17 item 5: the storage seam fills the disk at a chosen write of the sale flow. Whatever
 * write fails, the database holds the last committed state exactly (no half-written sale,
 * signature, print job or audit entry; counters and totals unchanged) and the counter says why.
 */
const card: CardSummary = {
  cardRef: 'cr_AAAAAAAAAAAAAAAAAAAAAA',
  maskedPan: '**** 1232',
  last4: '1232',
  bin: '622202',
  panLength: 16,
  brand: 'unionpay',
  entryMode: 'keyboard-swipe',
  source: 'keyboard',
  readerId: 'virtual',
  chip: false,
  expiryMonth: 12,
  expiryYear: 2030,
  expiryValid: true,
  fingerprint: 'a'.repeat(64),
  encrypted: false,
  swipedAt: '2026-12-07T10:00:00.000Z',
  expiresAt: '2026-12-07T10:02:00.000Z',
};

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface World {
  db: CountersignDb;
  seam: StorageSeam;
  session: CounterSession;
  printing: PrintSale;
  calls: string[];
  /** Runs when the host answers, before the answer is written. */
  onAnswer: { hook: () => Promise<void> };
}

const world = (): World => {
  const db = new CountersignDb(`storage-full-${uuidv7()}`);
  const seam = installStorageSeam(db);
  const settings = applySettingsPatch(defaultSettings(), { signature: { rule: 'always' }, printer: { merchantCopy: true, customerCopy: true } });
  const calls: string[] = [];
  const onAnswer = { hook: () => Promise.resolve() };
  const api = {
    invoke: (command: string) => {
      calls.push(command);
      if (command === 'acquirer:prepare') return Promise.resolve({ ok: true, value: { stan: '000001', batch: '000001', linkId: 'training' } });
      if (command === 'acquirer:authorize') {
        return onAnswer.hook().then(() => ({
          ok: true,
          value: { outcome: 'approved', responseCode: '00', authCode: '123456', rrn: '000000000001', stan: '000001', batch: '000001', hostTime: null, failure: null, resign: false },
        }));
      }
      if (command === 'printer:print') return Promise.resolve({ ok: true, value: { state: 'confirmed', failure: null, sent: true, bytesSha256: 'b'.repeat(64), byteCount: 10, printer: 'virtual', message: null } });
      return Promise.reject(new Error(`unexpected ${command}`));
    },
    on: () => () => undefined,
  } as unknown as CountersignApi;
  const operator = { id: 'op-1', name: 'Op', role: 'cashier' as const };
  const printing = new PrintSale({ db, api, settings: () => settings, operator });
  const signatures = new SignatureActions({ db, api, operator, settings: () => settings, approveAsManager: () => Promise.resolve({ ok: false, reason: 'wrong-pin', retryAfterMs: null }) });
  const send = { db, api, operatorId: operator.id, settings: () => settings, inFlight: new InFlight(), now: () => Date.now(), settleFirst: () => Promise.resolve([]) };
  const session = new CounterSession({ send, signatures, printing, linkOnline: () => true, settings: () => settings, logger: quiet });
  return { db, seam, session, printing, calls, onAnswer };
};

/** Everything stored, table by table (the counters and totals with their values). */
const contents = async (db: CountersignDb) => ({
  sales: await db.sales.toArray(),
  signatures: await db.signatures.toArray(),
  printJobs: await db.printJobs.toArray(),
  audit: await db.audit.toArray(),
  counters: await db.counters.toArray(),
  totals: await db.totals.toArray(),
});

const sign = (session: CounterSession) => session.signed([[{ x: 1, y: 1, t: 0 }, { x: 5, y: 9, t: 20 }]], 'data:image/png;base64,AAAA');

describe('a full disk in the sale flow (storage seam)', () => {
  it('the write-ahead fails: nothing is sent, the sale stays as it was, and the counter says the disk is full', async () => {
    const w = world();
    await w.session.start(2300, '', '');
    const before = await contents(w.db);
    w.seam.fill();
    await w.session.onCard(card);
    const step = w.session.getSnapshot().step;
    expect(step).toMatchObject({ kind: 'result', result: { kind: 'refused', reason: 'storage-full' } });
    expect(w.calls).not.toContain('acquirer:authorize');
    expect(await contents(w.db)).toEqual(before);
    expect(w.seam.refused).toBeGreaterThan(0);
  });

  for (const table of ['sales', 'audit', 'printJobs', 'counters', 'totals']) {
    it(`the approval fails at its write to ${table}: the sale stays authorizing with no print job, totals or audit entry of the approval`, async () => {
      const w = world();
      await w.session.start(2300, '', '');
      // What the write-ahead committed, read as the host answers; then the disk fills.
      let atSend: Awaited<ReturnType<typeof contents>> | null = null;
      w.onAnswer.hook = async () => {
        atSend = await contents(w.db);
        w.seam.fill({ table });
      };
      await w.session.onCard(card);
      const step = w.session.getSnapshot().step;
      expect(step).toMatchObject({ kind: 'result', result: { kind: 'unknown', storageFull: true } });
      const after = await contents(w.db);
      expect(after).toEqual(atSend);
      expect(after.sales[0]).toMatchObject({ state: 'authorizing', authCode: null });
      expect(after.printJobs).toEqual([]);
      expect(after.audit.map((e) => e.action)).toEqual(['sale.create', 'sale.card-read', 'sale.authorizing']);
      expect(after.counters.find((c) => c.key === 'state:authorizing')?.value).toBe(1);
      expect(after.counters.find((c) => c.key === 'state:approved')?.value ?? 0).toBe(0);
      w.seam.free();
      expect((await verifyChain(w.db)).ok).toBe(true);
    });
  }

  it('the signature fails to save: no signature record, the sale stays unsigned, and the counter says it is charged and unsigned', async () => {
    const w = world();
    await w.session.start(2300, '', '');
    await w.session.onCard(card);
    w.session.proceedAfterResult();
    sign(w.session);
    const before = await contents(w.db);
    w.seam.fill({ table: 'signatures' });
    await w.session.confirmSignature();
    expect(w.session.getSnapshot()).toMatchObject({ step: { kind: 'confirm-signature' }, error: 'storage-full-charged' });
    expect(await contents(w.db)).toEqual(before);
    expect(before.sales[0]).toMatchObject({ state: 'approved', signatureState: 'unsigned' });
    // Space freed: the same confirmation goes through.
    w.seam.free();
    await w.session.confirmSignature();
    expect(w.session.getSnapshot().step.kind).toBe('done');
    expect((await w.db.sales.toArray())[0]?.signatureState).toBe('signed');
  });

  it('the signature audit entry fails: the signature is not stored either', async () => {
    const w = world();
    await w.session.start(2300, '', '');
    await w.session.onCard(card);
    w.session.proceedAfterResult();
    sign(w.session);
    const before = await contents(w.db);
    w.seam.fill({ table: 'audit' });
    await w.session.confirmSignature();
    expect(w.session.getSnapshot().error).toBe('storage-full-charged');
    expect(await contents(w.db)).toEqual(before);
  });

  it('a print job cannot be journalled as sending: nothing reaches the printer and the job stays queued', async () => {
    const w = world();
    await w.session.start(2300, '', '');
    await w.session.onCard(card);
    const sale = (await w.db.sales.toArray())[0];
    if (!sale) throw new Error('no sale');
    const before = await contents(w.db);
    expect(before.printJobs.map((j) => j.state)).toEqual(['queued', 'queued']);
    w.seam.fill({ table: 'printJobs' });
    const failure: unknown = await w.printing.printQueued(sale).then(() => null, (error: unknown) => error);
    expect(isStorageFull(failure)).toBe(true);
    expect(w.calls).not.toContain('printer:print');
    expect(await contents(w.db)).toEqual(before);
  });

  it('a reprint whose job cannot be written prints nothing and leaves no row', async () => {
    const w = world();
    await w.session.start(2300, '', '');
    await w.session.onCard(card);
    const sale = (await w.db.sales.toArray())[0];
    if (!sale) throw new Error('no sale');
    const before = await contents(w.db);
    w.seam.fill({ table: 'printJobs' });
    await expect(w.printing.printCopy(sale, 'customer', null, true)).rejects.toSatisfy(isStorageFull);
    expect(w.calls).not.toContain('printer:print');
    expect(await contents(w.db)).toEqual(before);
  });

  it('the nth write fails wherever it falls: the audit chain of what was committed verifies and counters match the sales', async () => {
    for (const nth of [1, 2, 3, 4, 5, 6, 8, 10]) {
      const w = world();
      w.seam.fill({ nth });
      await w.session.start(2300, '', '').catch(() => undefined);
      await w.session.onCard(card).catch(() => undefined);
      w.seam.free();
      const after = await contents(w.db);
      expect((await verifyChain(w.db)).ok).toBe(true);
      for (const sale of after.sales) expect(after.counters.find((c) => c.key === `state:${sale.state}`)?.value).toBe(1);
      expect(after.audit.filter((e) => e.action === 'sale.approved').length).toBe(after.sales.filter((s) => s.state === 'approved').length);
    }
  });
});
