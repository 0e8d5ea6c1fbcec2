import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { addAttachment } from './attachments-repo';
import { addCaseEvent, caseEvents } from './case-events-repo';
import { caseFacts } from './case-facts-repo';
import { CaseChangeRefused, casesForSale, dueBefore, linkSales, openCase, openCaseCount, openCases, recordEvidenceSent, setCaseStatus } from './cases-repo';
import { CountersignDb } from './db';
import { SCHEMA_EOD, SCHEMA_V1, SCHEMA_V3_CHANGES } from './schema';
import { createSale, updateSale } from './sales-repo';
import { addSignature } from './signatures-repo';

const fresh = () => new CountersignDb(`t-${uuidv7()}`);
const newSale = { kind: 'sale' as const, amountFen: 5_000, operatorId: 'op-1', reference: '', note: '', originalSaleId: null };
const SHA = 'ab'.repeat(32);
const T0 = Date.UTC(2026, 10, 1, 6);

describe('dispute cases with several sales', () => {
  it('a case opened on a duplicate pair counts on both sales; linking a third counts it too; a decision moves all back', async () => {
    const db = fresh();
    const [a, b, c] = [await createSale(db, newSale), await createSale(db, newSale), await createSale(db, newSale)];
    const opened = await openCase(db, { saleIds: [a.id, b.id], type: 'duplicate-charge', notes: '', dueAt: T0 + 86_400_000, operatorId: 'op-1', origin: 'sms' }, T0);
    expect(opened).toMatchObject({ saleId: a.id, saleIds: [a.id, b.id], status: 'open', state: 'open', origin: 'sms', complaintAt: T0 });
    await linkSales(db, opened.id, [c.id], 'op-1', T0 + 1);
    expect((await db.sales.bulkGet([a.id, b.id, c.id])).map((s) => s?.openCases)).toEqual([1, 1, 1]);
    expect((await casesForSale(db, c.id)).map((x) => x.id)).toEqual([opened.id]);
    await expect(linkSales(db, opened.id, [c.id], 'op-1')).rejects.toMatchObject({ reason: 'sale-already-linked' });
    await setCaseStatus(db, opened.id, 'refunded', 'duplicate refunded', 'mgr', T0 + 2);
    expect((await db.sales.bulkGet([a.id, b.id, c.id])).map((s) => s?.openCases)).toEqual([0, 0, 0]);
    expect(await openCaseCount(db)).toBe(0);
    // Reopened when the bank writes again: counted again.
    await setCaseStatus(db, opened.id, 'open', 'bank wrote again', 'mgr', T0 + 3);
    expect([await openCaseCount(db), (await db.sales.get(a.id))?.openCases]).toEqual([1, 1]);
    expect((await caseEvents(db, opened.id)).map((e) => e.kind)).toEqual(['opened', 'link', 'status', 'status']);
  });

  it('a bank notice opens a case with no sale yet, its reason and notice kept', async () => {
    const db = fresh();
    const notice = { reference: 'CB-2026-1101', receivedAt: T0, amountFen: 8800, last4: '0119' };
    const c = await openCase(db, { saleIds: [], type: 'chargeback', notes: '', dueAt: null, operatorId: 'op-1', origin: 'notice', notice, reason: { scheme: 'visa', code: '12.6.1', category: 'duplicate' } });
    expect(c).toMatchObject({ saleId: null, saleIds: [], notice, reason: { category: 'duplicate' } });
    expect((await openCases(db)).map((x) => x.id)).toEqual([c.id]);
  });

  it('a status change needs a reason and an allowed move, and changes nothing when refused', async () => {
    const db = fresh();
    const s = await createSale(db, newSale);
    const c = await openCase(db, { saleIds: [s.id], type: 'wrong-amount', notes: '', dueAt: null, operatorId: 'op-1' });
    await expect(setCaseStatus(db, c.id, 'won', '  ', 'mgr')).rejects.toBeInstanceOf(CaseChangeRefused);
    await setCaseStatus(db, c.id, 'won', 'bank decided for us', 'mgr');
    await expect(setCaseStatus(db, c.id, 'lost', 'changed mind', 'mgr')).rejects.toMatchObject({ reason: 'transition' });
    expect(await db.cases.get(c.id)).toMatchObject({ status: 'won', state: 'closed' });
    const audit = (await db.audit.where('objectId').equals(c.id).toArray()).map((e) => [e.action, e.actor, (e.detail as { reason?: string }).reason ?? null]);
    expect(audit).toEqual([['case.open', 'op-1', null], ['case.status', 'mgr', 'bank decided for us']]);
  });
});

describe('recordEvidenceSent', () => {
  it('marks the case evidence sent with the bundle’s SHA-256, who and when; audited; still open', async () => {
    const db = fresh();
    const s = await createSale(db, newSale);
    const c = await openCase(db, { saleIds: [s.id], type: 'retrieval-request', notes: '', dueAt: null, operatorId: 'op-1' }, T0);
    const sent = await recordEvidenceSent(db, c.id, SHA, 'mgr', T0 + 5);
    expect(sent).toMatchObject({ status: 'evidence-sent', state: 'open', evidence: { bundleSha256: SHA, sentAt: T0 + 5, operatorId: 'mgr' } });
    expect(await openCaseCount(db)).toBe(1);
    const entry = await db.audit.where('action').equals('case.evidence-sent').first();
    expect(entry).toMatchObject({ actor: 'mgr', objectId: c.id, detail: { bundleSha256: SHA, from: 'open', to: 'evidence-sent' } });
    // A corrected bundle sent again replaces the digest; the timeline keeps both.
    await recordEvidenceSent(db, c.id, 'cd'.repeat(32), 'mgr', T0 + 6);
    expect((await caseEvents(db, c.id)).filter((e) => e.kind === 'evidence').map((e) => e.detail.bundleSha256)).toEqual([SHA, 'cd'.repeat(32)]);
  });

  it('refuses a digest that is not 64 hex digits, and a decided case, writing nothing', async () => {
    const db = fresh();
    const s = await createSale(db, newSale);
    const c = await openCase(db, { saleIds: [s.id], type: 'chargeback', notes: '', dueAt: null, operatorId: 'op-1' });
    const before = await db.audit.count();
    await expect(recordEvidenceSent(db, c.id, 'AB'.repeat(32), 'mgr')).rejects.toMatchObject({ reason: 'bad-digest' });
    await setCaseStatus(db, c.id, 'lost', 'deadline missed', 'mgr');
    await expect(recordEvidenceSent(db, c.id, SHA, 'mgr')).rejects.toMatchObject({ reason: 'transition' });
    expect(await db.audit.count()).toBe(before + 2);
    expect((await db.cases.get(c.id))?.evidence).toBeNull();
  });
});

describe('due dates and facts', () => {
  it('lists active cases due before a time, by due date', async () => {
    const db = fresh();
    const s = await createSale(db, newSale);
    const late = await openCase(db, { saleIds: [s.id], type: 'chargeback', notes: '', dueAt: T0 + 10, operatorId: 'op-1' });
    await openCase(db, { saleIds: [s.id], type: 'chargeback', notes: '', dueAt: T0 + 1000, operatorId: 'op-1' });
    const early = await openCase(db, { saleIds: [s.id], type: 'chargeback', notes: '', dueAt: T0 + 5, operatorId: 'op-1' });
    expect((await dueBefore(db, T0 + 100)).map((c) => c.id)).toEqual([early.id, late.id]);
  });

  it('gathers the checklist facts from signatures, inquiries, slips and attachments of the case', async () => {
    const db = fresh();
    const s = await createSale(db, newSale);
    await updateSale(db, s.id, { state: 'card-read' }, { actor: 'op', action: 't' });
    const c = await openCase(db, { saleIds: [s.id], type: 'failed-but-charged', notes: '', dueAt: null, operatorId: 'op-1' });
    await addSignature(db, { saleId: s.id, kind: 'supplementary', operatorId: 'op', strokes: [], image: null, reason: '', contactAttempts: '', approvedBy: null, digest: 'ff', signedFields: null }, null, 'signature.supplementary');
    await addCaseEvent(db, { caseId: c.id, kind: 'inquiry', operatorId: 'op', text: '', detail: { saleId: s.id, outcome: 'not-found' } });
    await addCaseEvent(db, { caseId: c.id, kind: 'slip', operatorId: 'op', text: '', detail: { jobId: 'j', state: 'confirmed' } });
    await addAttachment(db, { ownerId: c.id, name: 'slip.png', mimeType: 'image/png', data: new Blob([new Uint8Array([1, 2])]), operatorId: 'op', kind: 'slip-photo' });
    const facts = await caseFacts(db, (await db.cases.get(c.id))!);
    expect(facts).toMatchObject({ inquiries: [{ saleId: s.id, outcome: 'not-found' }], slipsPrinted: 1, attachmentKinds: ['slip-photo'], signatures: [{ saleId: s.id, kind: 'supplementary', digest: 'ff' }] });
  });
});

describe('schema 7', () => {
  it('upgrades a first-model case: its sale becomes its list, open stays open, closed reads withdrawn; the multi-entry index works', async () => {
    const name = `t-${uuidv7()}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores({});
    v4.version(3).stores(SCHEMA_V3_CHANGES);
    v4.version(4).stores(SCHEMA_EOD);
    await v4.open();
    await v4.table('cases').bulkAdd([
      { id: 'c1', saleId: 's1', type: 'wrong-amount', state: 'open', createdAt: 10, updatedAt: 10, dueAt: null, notes: '', operatorId: 'op' },
      { id: 'c2', saleId: 's2', type: 'other', state: 'closed', createdAt: 11, updatedAt: 12, dueAt: 99, notes: 'done', operatorId: 'op' },
    ]);
    v4.close();
    const app = new CountersignDb(name);
    expect(app.verno).toBe(7);
    expect(await app.cases.get('c1')).toMatchObject({ saleIds: ['s1'], status: 'open', origin: 'sale', reason: null, notice: null, complaintAt: 10, evidence: null });
    expect(await app.cases.get('c2')).toMatchObject({ saleIds: ['s2'], status: 'withdrawn', state: 'closed' });
    expect((await casesForSale(app, 's2')).map((c) => c.id)).toEqual(['c2']);
    expect(await app.caseEvents.count()).toBe(0);
    app.close();
  });
});
