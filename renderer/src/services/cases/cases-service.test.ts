import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import { defaultSettings } from '../../../../shared/domain/settings';
import type { CommandName, RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import type { Envelope } from '../../../../shared/ipc/envelope';
import { caseEvents } from '../../data/case-events-repo';
import { CountersignDb } from '../../data/db';
import type { SaleRecord, StoredCard } from '../../data/records';
import { createSale, updateSale } from '../../data/sales-repo';
import { CasesService } from './cases-service';

const card: StoredCard = { maskedPan: '621234******0119', bin: null, last4: '0119', brand: 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: 'f' };
const T0 = Date.UTC(2026, 10, 1, 6);

const setup = (inquiry: 'approved' | 'not-found' = 'not-found') => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  const printed: string[] = [];
  let clock = T0 + 3_600_000;
  const invoke = <K extends CommandName>(command: K, request: RequestOf<K>): Promise<Envelope<ResponseOf<K>>> => {
    const reply = (value: unknown) => Promise.resolve({ ok: true, value } as Envelope<ResponseOf<K>>);
    if (command === 'acquirer:inquire') return reply(inquiry === 'approved' ? { found: true, outcome: 'approved', responseCode: '00', authCode: '123456', rrn: '1' } : { found: false, outcome: null, responseCode: null, authCode: null, rrn: null });
    if (command === 'printer:print') {
      printed.push((request as { markup: string }).markup);
      return reply({ jobId: (request as { jobId: string }).jobId, state: 'confirmed', failure: null, message: null, bytesSha256: 'a'.repeat(64), byteCount: 100, sent: true, printer: 'virtual', durationMs: 1 });
    }
    return Promise.reject(new Error(`unexpected ${command}`));
  };
  const refunds: string[] = [];
  const cases = new CasesService({
    db,
    api: { invoke },
    settings: () => ({ ...defaultSettings(), cases: { ...defaultSettings().cases, slipLanguage: 'en', failedButChargedDays: 2 } }),
    operator: { id: 'op-1' },
    reverse: async (original) => {
      refunds.push(original.id);
      const r = await createSale(db, { kind: 'refund', amountFen: original.amountFen, operatorId: 'op-1', reference: '', note: '', originalSaleId: original.id });
      return { ok: true, record: r };
    },
    now: () => clock,
  });
  const ring = async (amountFen: number, at: number, state: 'approved' | 'card-read' = 'approved'): Promise<SaleRecord> => {
    const s = await createSale(db, { kind: 'sale', amountFen, operatorId: 'op-1', reference: '', note: '', originalSaleId: null });
    await db.sales.update(s.id, { createdAt: at });
    const read = await updateSale(db, s.id, { state: 'card-read', card, last4: '0119', linkId: 'training' }, { actor: 'op-1', action: 'x' });
    if (state === 'card-read') return updateSale(db, s.id, { stan: '000009' }, { actor: 'op-1', action: 'x' });
    await updateSale(db, read.id, { state: 'authorizing', stan: String(at % 1_000_000).padStart(6, '0') }, { actor: 'op-1', action: 'x' });
    return updateSale(db, s.id, { state: 'approved', authCode: '123456', rrn: String(at).slice(-12), signatureState: 'signed' }, { actor: 'op-1', action: 'x' });
  };
  return { db, cases, ring, printed, refunds, tick: (ms: number) => (clock += ms) };
};

describe('cases service', () => {
  it('an SMS lookup finds 0, 1 or 2 candidates by time, amount and last 4, and records every lookup', async () => {
    const { db, cases, ring } = setup();
    await ring(8800, T0);
    await ring(8800, T0 + 60_000);
    await ring(1200, T0);
    expect(await cases.lookup({ at: T0 + 10 * 60_000, amountFen: 8800, last4: '0119' })).toHaveLength(2);
    expect(await cases.lookup({ at: T0, amountFen: 1200, last4: '0119' })).toHaveLength(1);
    expect(await cases.lookup({ at: T0 + 5 * 3_600_000, amountFen: 8800, last4: '0119' })).toHaveLength(0);
    expect((await db.audit.where('action').equals('case.sms-lookup').toArray()).map((e) => [e.result, (e.detail as { candidates: number }).candidates])).toEqual([['ok', 2], ['ok', 1], ['fail', 0]]);
  });

  it('a case gets its deadline from Settings → Cases', async () => {
    const { cases, ring } = setup();
    const s = await ring(500, T0);
    const c = await cases.open({ type: 'failed-but-charged', saleIds: [s.id], origin: 'sale' });
    expect(c?.dueAt).toBe(T0 + 3_600_000 + 2 * 86_400_000);
  });

  it('failed-but-charged: the inquiry answer and the printed slip are recorded and complete the checklist', async () => {
    const { db, cases, ring, printed } = setup('not-found');
    const s = await ring(9800, T0, 'card-read');
    const c = (await cases.open({ type: 'failed-but-charged', saleIds: [s.id], origin: 'sms' }))!;
    expect((await cases.checklist(c)).complete).toBe(false);
    expect(await cases.inquire(c.id, s.id)).toBe('not-found');
    expect(await cases.printExplanation(c.id)).toBe('confirmed');
    expect(printed[0]).toContain('NOT AT THE HOST (NOT CHARGED)');
    const list = await cases.checklist(c);
    expect(list).toMatchObject({ complete: true, missing: 0 });
    expect((await caseEvents(db, c.id)).map((e) => e.kind)).toEqual(['opened', 'inquiry', 'slip']);
  });

  it('a bank notice’s candidates are the unlinked sales of its amount and last 4 around its date', async () => {
    const { cases, ring } = setup();
    const a = await ring(8800, T0);
    await ring(8800, T0 - 5 * 86_400_000);
    await ring(700, T0);
    const c = (await cases.open({ type: 'chargeback', saleIds: [], origin: 'notice', notice: { reference: 'CB1', receivedAt: T0 + 86_400_000, amountFen: 8800, last4: '0119' }, reason: { scheme: 'visa', code: '12.6.1', category: 'duplicate' } }))!;
    expect((await cases.candidates(c, T0)).map((s) => s.id)).toEqual([a.id]);
    const linked = await cases.link(c.id, [a.id]);
    expect(linked?.saleIds).toEqual([a.id]);
    expect(await cases.candidates(linked!, T0)).toEqual([]);
  });

  it('the refund of a duplicate goes through the refund path and is linked to the case; the checklist sees it', async () => {
    const { db, cases, ring, refunds } = setup();
    const a = await ring(8800, T0);
    const b = await ring(8800, T0 + 60_000);
    const c = (await cases.open({ type: 'duplicate-charge', saleIds: [a.id, b.id], origin: 'sms' }))!;
    const out = await cases.refundDuplicate(c.id, b, b.amountFen, 'mgr', '123456');
    expect(out.ok).toBe(true);
    expect(await cases.candidates((await db.cases.get(c.id))!)).toEqual([]);
    expect(refunds).toEqual([b.id]);
    expect((await caseEvents(db, c.id)).find((e) => e.kind === 'refund')?.detail.saleId).toBe(b.id);
    // The stub refund has no host answer, so only the second charge is proven.
    expect((await cases.checklist(c)).items.find((i) => i.item === 'second-charge')?.satisfied).toBe(true);
  });

  it('a bad action leaves a translated error code and changes nothing', async () => {
    const { db, cases, ring } = setup();
    const s = await ring(500, T0);
    const c = (await cases.open({ type: 'other', saleIds: [s.id], origin: 'sale' }))!;
    expect(await cases.setStatus(c.id, 'won', '')).toBeNull();
    expect(cases.getSnapshot().error).toEqual({ code: 'reason-required' });
    expect(await cases.open({ type: 'other', saleIds: ['nope'], origin: 'sale' })).toBeNull();
    expect(cases.getSnapshot().error).toEqual({ code: 'unknown-sale' });
    await cases.addNote(c.id, 'note', '   ');
    expect(cases.getSnapshot().error).toEqual({ code: 'empty-note' });
    expect([(await db.cases.get(c.id))?.status, await db.cases.count()]).toEqual(['open', 1]);
  });
});
