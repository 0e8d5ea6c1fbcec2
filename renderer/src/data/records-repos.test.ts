import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/domain/hash';
import { uuidv7 } from '../../../shared/domain/ids';
import { verifyChain } from './audit-repo';
import { AttachmentTooLarge, MAX_ATTACHMENT_BYTES, addAttachment, attachmentsFor } from './attachments-repo';
import { UnknownSale, casesForSale, openCase, openCaseCount, openCases, setCaseStatus } from './cases-repo';
import { CountersignDb } from './db';
import { createSale } from './sales-repo';
import { getSetting, setSetting } from './settings-repo';
import { requestPersistentStorage, storageEstimate } from './storage-status';

const fresh = () => new CountersignDb(`t-${uuidv7()}`);
const newSale = { kind: 'sale' as const, amountFen: 5_000, operatorId: 'op-1', reference: '', note: '', originalSaleId: null };

describe('dispute cases', () => {
  it('opens and closes a case, moving the sale’s open count, its version and the counter together', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    const c = await openCase(db, { saleIds: [sale.id], type: 'duplicate-charge', notes: 'customer called', dueAt: null, operatorId: 'op-1' });
    expect(await db.sales.get(sale.id)).toMatchObject({ openCases: 1, version: 2 });
    expect(await openCaseCount(db)).toBe(1);
    expect((await openCases(db)).map((x) => x.id)).toEqual([c.id]);
    expect(await setCaseStatus(db, c.id, 'refunded', 'refunded at the counter', 'mgr-1')).toMatchObject({ state: 'closed', status: 'refunded' });
    await expect(setCaseStatus(db, c.id, 'won', 'again', 'mgr-1')).rejects.toMatchObject({ reason: 'transition' });
    expect(await db.sales.get(sale.id)).toMatchObject({ openCases: 0, version: 3 });
    expect([await openCaseCount(db), (await openCases(db)).length, (await casesForSale(db, sale.id)).length]).toEqual([0, 0, 1]);
    expect((await db.audit.toArray()).map((e) => e.action)).toEqual(['sale.create', 'case.open', 'case.open', 'case.status', 'case.close']);
  });

  it('refuses a case for a sale that does not exist and writes nothing', async () => {
    const db = fresh();
    await expect(openCase(db, { saleIds: ['nope'], type: 'other', notes: '', dueAt: null, operatorId: 'op-1' })).rejects.toBeInstanceOf(UnknownSale);
    expect([await db.cases.count(), await openCaseCount(db), await db.audit.count()]).toEqual([0, 0, 0]);
  });
});

describe('attachments', () => {
  it('stores a file with its SHA-256 and audits it', async () => {
    const db = fresh();
    const bytes = new TextEncoder().encode('paper signature scan');
    const a = await addAttachment(db, { ownerId: 'sale-1', name: 'scan.png', mimeType: 'image/png', data: new Blob([bytes]), operatorId: 'op-1' });
    expect(a).toMatchObject({ size: bytes.length, sha256: sha256Hex(bytes) });
    const [stored] = await attachmentsFor(db, 'sale-1');
    expect(new Uint8Array(await stored!.data.arrayBuffer())).toEqual(bytes);
    expect((await db.audit.toArray()).map((e) => [e.action, e.detail['sha256']])).toEqual([['attachment.add', sha256Hex(bytes)]]);
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 1 });
  });

  it('refuses a file over the size limit', async () => {
    const db = fresh();
    const big = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]);
    await expect(addAttachment(db, { ownerId: 'x', name: 'big', mimeType: '', data: big, operatorId: 'op-1' })).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('local settings and storage status', () => {
  it('reads back what was set and keeps the audit head out of reach', async () => {
    const db = fresh();
    expect(await getSetting(db, 'firstRun.completedAt')).toBeUndefined();
    await setSetting(db, 'firstRun.completedAt', 42);
    expect(await getSetting(db, 'firstRun.completedAt')).toBe(42);
    const sneaky = setSetting as (db: CountersignDb, key: string, value: unknown) => Promise<void>;
    await expect(sneaky(db, 'audit.head', { seq: 0, hash: '' })).rejects.toThrow(/audit log only/);
  });

  it('asks for persistent storage once and remembers the answer', async () => {
    const db = fresh();
    let asked = 0;
    const storage = { persist: () => Promise.resolve(++asked > 0) };
    expect(await requestPersistentStorage(db, storage, 1_000)).toEqual({ granted: true, at: 1_000 });
    expect(await requestPersistentStorage(db, storage, 2_000)).toEqual({ granted: true, at: 1_000 });
    expect(asked).toBe(1);
  });

  it('records null where the browser has no StorageManager, and estimates without throwing', async () => {
    const db = fresh();
    expect(await requestPersistentStorage(db, undefined, 5)).toEqual({ granted: null, at: 5 });
    expect(await storageEstimate(undefined)).toEqual({ persisted: null, usage: null, quota: null });
    const failing = { persisted: () => Promise.reject(new Error('no')), estimate: () => Promise.resolve({ usage: 10, quota: 100 }) };
    expect(await storageEstimate(failing)).toEqual({ persisted: null, usage: 10, quota: 100 });
  });
});
