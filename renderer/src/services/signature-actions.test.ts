import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { applySettingsPatch, defaultSettings } from '../../../shared/domain/settings';
import type { CountersignApi } from '../../../shared/ipc/contract';
import { CountersignDb } from '../data/db';
import type { SaleRecord } from '../data/records';
import { MAX_ATTACHMENT_BYTES } from '../data/attachments-repo';
import { AttachmentTooLargeForSignature } from '../data/signatures-repo';
import { SignatureActions } from './signature-actions';

/** 登记并说明 (a registered exception) with and without a photo, over a real (fake-indexeddb) database. */
const make = async () => {
  const db = new CountersignDb(`signature-actions-${uuidv7()}`);
  const settings = applySettingsPatch(defaultSettings(), { signature: { rule: 'always' } });
  const operator = { id: 'op-1', name: 'Op', role: 'cashier' as const };
  // Waivers here need no manager (no forced signature): main is never asked.
  const api = { invoke: () => Promise.reject(new Error('main is not asked here')), on: () => () => undefined } as unknown as CountersignApi;
  const actions = new SignatureActions({ db, api, operator, settings: () => settings, approveAsManager: () => Promise.resolve({ ok: false, reason: 'wrong-pin', retryAfterMs: null }) });
  const now = Date.now();
  const sale = { id: uuidv7(), kind: 'sale', state: 'approved', signatureState: 'unsigned', amountFen: 2300, createdAt: now, updatedAt: now } as unknown as SaleRecord;
  await db.sales.add(sale);
  return { db, actions, sale };
};

const photo = { name: 'customer-note.png', type: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]) };

describe('SignatureActions: 登记并说明', () => {
  it('keeps the photo with the registered case, in the same transaction as the state and the audit entry', async () => {
    const { db, actions, sale } = await make();
    expect(await actions.waive(sale, 'exception', { reason: '顾客已离店', contactAttempts: '电话两次', photo })).toBe('ok');
    const [signature] = await db.signatures.toArray();
    expect(signature).toMatchObject({ kind: 'exception', reason: '顾客已离店', contactAttempts: '电话两次' });
    const files = await db.attachments.where('ownerId').equals(signature?.id ?? '').toArray();
    expect(files.map((f) => ({ name: f.name, size: f.size, mimeType: f.mimeType }))).toEqual([{ name: 'customer-note.png', size: 7, mimeType: 'image/png' }]);
    expect((await db.sales.get(sale.id))?.signatureState).toBe('waived');
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.unsigned-registered');
    expect(entry?.detail).toMatchObject({ signatureId: signature?.id, attachments: 1 });
  });

  it('registers without a photo as before', async () => {
    const { db, actions, sale } = await make();
    expect(await actions.waive(sale, 'exception', { reason: '顾客已离店' })).toBe('ok');
    expect(await db.attachments.count()).toBe(0);
    expect(await db.signatures.count()).toBe(1);
  });

  it('a photo over the limit is refused and nothing is stored', async () => {
    const { db, actions, sale } = await make();
    const big = { ...photo, bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) };
    await expect(actions.waive(sale, 'exception', { reason: '顾客已离店', photo: big })).rejects.toBeInstanceOf(AttachmentTooLargeForSignature);
    expect(await db.signatures.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
    expect((await db.sales.get(sale.id))?.signatureState).toBe('unsigned');
  });

  it('an exemption at the counter never carries a photo', async () => {
    const { db, actions, sale } = await make();
    expect(await actions.waive(sale, 'exemption', { reason: '顾客拒签', photo })).toBe('ok');
    expect(await db.attachments.count()).toBe(0);
  });
});

describe('SignatureActions: what a signature was given for', () => {
  const strokes = [[{ x: 1, y: 2, t: 0 }, { x: 5, y: 9, t: 16 }]];

  it('an original signature keeps the signed fields beside its digest, and its audit entry names both', async () => {
    const { db, actions, sale } = await make();
    await actions.confirm(sale, strokes, 'data:image/png;base64,');
    const [signature] = await db.signatures.toArray();
    expect(signature?.signedFields).toMatchObject({ saleId: sale.id, amountFen: 2300, kind: 'sale' });
    expect(signature?.digest).toMatch(/^[0-9a-f]{64}$/);
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.signed');
    expect(entry?.detail).toMatchObject({ signatureId: signature?.id, kind: 'original', digest: signature?.digest });
  });

  it('the snapshot is the stored sale, not the caller’s copy of it', async () => {
    const { db, actions, sale } = await make();
    await db.sales.update(sale.id, { rrn: '000000123456' });
    await actions.supplementary(sale, strokes, 'data:image/png;base64,');
    const [signature] = await db.signatures.toArray();
    expect(signature?.signedFields?.rrn).toBe('000000123456');
  });

  it('paper and registered records keep the snapshot too (no digest: nothing was drawn)', async () => {
    const { db, actions, sale } = await make();
    await actions.onPaper(sale, photo, '');
    await actions.waive(sale, 'exception', { reason: '顾客已离店' });
    const records = await db.signatures.toArray();
    expect(records.map((r) => [r.kind, r.digest, r.signedFields?.saleId])).toEqual([
      ['paper', null, sale.id],
      ['exception', null, sale.id],
    ]);
  });

  it('an explanation of a failed check is linked to the signature and leaves the sale signed', async () => {
    const { db, actions, sale } = await make();
    await actions.confirm(sale, strokes, 'data:image/png;base64,');
    const [original] = await db.signatures.toArray();
    const link = { signatureId: original?.id ?? null, remedy: 'register-explanation' as const };
    expect(await actions.explainFailedCheck(sale, link, { reason: '  ' })).toBe('reason-required');
    expect(await actions.explainFailedCheck(sale, link, { reason: '金额被改动，已联系顾客', photo })).toBe('ok');
    expect((await db.sales.get(sale.id))?.signatureState).toBe('signed');
    const explained = (await db.signatures.toArray()).find((r) => r.kind === 'exception');
    expect(explained?.remedyFor).toEqual(link);
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.signature-check-explained');
    expect(entry?.detail).toMatchObject({ signatureId: explained?.id, remedyFor: original?.id, remedy: 'register-explanation', attachments: 1 });
  });
});
