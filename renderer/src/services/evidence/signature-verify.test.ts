import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hashEntry } from '../../../../shared/domain/audit-chain';
import { deviceKeyName } from '../../../../shared/domain/audit-proof';
import { uuidv7 } from '../../../../shared/domain/ids';
import { formatCheckpoint, fromBase64, signNote, toBase64 } from '../../../../shared/domain/signed-note';
import { applySettingsPatch, defaultSettings } from '../../../../shared/domain/settings';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { SignedCheckpoint } from '../../../../shared/ipc/commands/audit';
import { saveCheckpoint } from '../../data/audit-checkpoints-repo';
import { appendAudit } from '../../data/audit-repo';
import { CountersignDb } from '../../data/db';
import { saleRecord } from '../../data/sale-fixture';
import { updateSale } from '../../data/sales-repo';
import { SignatureActions } from '../signature-actions';
import { damageTrainingSale } from '../training-damage';
import { SignatureVerifyError, verifySaleSignatures } from './signature-verify';

/**
 * 校验签名 over real records (fake-indexeddb): a sale signed through SignatureActions, audited
 * by the audit log, proved against checkpoints signed by a stand-in for main with a real
 * Ed25519 key. Each problem is made the way it happens: the record, the entry or the sale edited
 * in storage, a checkpoint from another device, a host answer of A0.
 */
const seedOf = (n: number): Uint8Array => new Uint8Array(32).fill(n);

/** Main's side as the service sees it: the device key and a checkpoint signer (refusing when told to). */
const fakeMain = (deviceId: string, seed: Uint8Array, opts: { refuse?: boolean } = {}) => {
  const publicKey = ed25519.getPublicKey(seed);
  const name = deviceKeyName(deviceId);
  const identity = { deviceId, keyName: name, publicKey: toBase64(publicKey), fingerprint: bytesToHex(sha256(publicKey)), verifierKey: '', protectedByOs: false };
  let last: SignedCheckpoint | null = null;
  const calls: string[] = [];
  const invoke = (command: string, req: Record<string, unknown>) => {
    calls.push(command);
    if (command === 'device:identity') return Promise.resolve({ ok: true, value: identity });
    if (command === 'audit:checkpoint-status') return Promise.resolve({ ok: true, value: { last, device: identity } });
    if (command === 'audit:checkpoint') {
      if (opts.refuse) return Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: 'no', reason: 'checkpoint-inconsistent' } });
      const root = fromBase64(req.rootHash as string) as Uint8Array;
      const note = signNote(formatCheckpoint({ origin: name, size: req.newSize as number, rootHash: root }), name, seed);
      last = { size: req.newSize as number, rootHash: req.rootHash as string, note, signedAt: new Date().toISOString() };
      return Promise.resolve({ ok: true, value: last });
    }
    return Promise.reject(new Error(`not expected here: ${command}`));
  };
  return { api: { invoke, on: () => () => undefined } as unknown as CountersignApi, calls };
};

const strokes = [
  [
    { x: 10, y: 20, t: 0 },
    { x: 40.25, y: 22.5, t: 16 },
    { x: 80, y: 30, t: 33 },
  ],
];

const make = async (opts: { refuse?: boolean } = {}) => {
  const db = new CountersignDb(`signature-verify-${uuidv7()}`);
  const settings = applySettingsPatch(defaultSettings(), { signature: { rule: 'always' }, shop: { merchantId: '898310048990001', terminalId: '10000001' } });
  const deviceId = uuidv7();
  const main = fakeMain(deviceId, seedOf(3), opts);
  const actions = new SignatureActions({ db, api: main.api, operator: { id: 'op-1', role: 'cashier' }, settings: () => settings, approveAsManager: () => Promise.reject(new Error('no manager here')) });
  const sale = saleRecord({ id: uuidv7(), amountFen: 2300, createdAt: Date.now(), signatureState: 'unsigned', last4: '0004', rrn: '000000123456', authCode: 'A1B2C3', stan: '000123', batch: '000001', responseCode: '00' });
  await db.sales.add(sale);
  // The sale's history before the signature (an approval with the host's answer), as the send path writes it.
  await appendAudit(db, { actor: 'op-1', action: 'sale.approved', objectType: 'sale', objectId: sale.id, result: 'ok', detail: { responseCode: '00' } });
  const deps = { db, api: main.api, settings: () => settings };
  const sign = async () => {
    await actions.confirm(sale, strokes, 'data:image/png;base64,');
    const [record] = await db.signatures.toArray();
    if (!record) throw new Error('not signed');
    return record;
  };
  return { db, deps, actions, sale, sign, main, deviceId };
};

const codes = (v: Awaited<ReturnType<typeof verifySaleSignatures>>) => v.signatures.flatMap((s) => s.check.problems.map((p) => p.code));

describe('verifySaleSignatures', () => {
  it('a signed sale verifies: digest, snapshot, audit entry proved by a checkpoint main signed for it, the device key', async () => {
    const { deps, sign, sale, main } = await make();
    const record = await sign();
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.ok).toBe(true);
    expect(v.signatures).toHaveLength(1);
    expect(v.signatures[0]).toMatchObject({ signatureId: record.id, kind: 'original', remedies: [], check: { ok: true, problems: [], digest: record.digest } });
    expect(v.checkpoint?.size).toBeGreaterThanOrEqual(2);
    // The signing came after the last checkpoint (there was none): main was asked for one.
    expect(main.calls).toContain('audit:checkpoint');
  });

  it('an amount changed after signing names the field with the signed and the present value', async () => {
    const { db, deps, sign, sale } = await make();
    await sign();
    expect(await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'amountFen', '99.00')).toMatchObject({ ok: true });
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.ok).toBe(false);
    expect(v.signatures[0]?.check.problems).toEqual([{ code: 'data-changed', fields: [{ field: 'amountFen', signed: 2300, now: 9900 }] }]);
    expect(v.signatures[0]?.check.remedies).toEqual(['re-sign', 'supplementary-signature', 'register-explanation']);
  });

  it('an RRN changed after signing is named too', async () => {
    const { db, deps, sign, sale } = await make();
    await sign();
    await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'rrn', '999999999999');
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.signatures[0]?.check.problems).toEqual([{ code: 'data-changed', fields: [{ field: 'rrn', signed: '000000123456', now: '999999999999' }] }]);
  });

  it('the training tool refuses a live sale and a bad value, and changes nothing', async () => {
    const { db, sale } = await make();
    expect(await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'amountFen', 'abc')).toEqual({ ok: false, reason: 'invalid-value' });
    await db.sales.update(sale.id, { linkId: 'iso8583:10.0.0.5:5800/10000001' });
    expect(await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'amountFen', '99.00')).toEqual({ ok: false, reason: 'live-link' });
    expect((await db.sales.get(sale.id))?.amountFen).toBe(2300);
    expect((await db.audit.toArray()).some((e) => e.action === 'training.signed-field-damaged')).toBe(false);
  });

  it('strokes gone from the record: strokes missing', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await db.signatures.update(record.id, { strokes: [] });
    expect(codes(await verifySaleSignatures(deps, sale.id))).toEqual(['strokes-missing']);
  });

  it('a snapshot edited in the record: its digest no longer adds up, and the edited field differs from the sale', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await db.signatures.update(record.id, { signedFields: { ...record.signedFields!, amountFen: 100 } });
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.signatures[0]?.check.problems).toEqual([
      { code: 'record-damaged', reason: 'digest-mismatch' },
      { code: 'data-changed', fields: [{ field: 'amountFen', signed: 100, now: 2300 }] },
    ]);
  });

  it('a digest replaced in the record is not the one the audit log recorded', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await db.signatures.update(record.id, { digest: 'f'.repeat(64) });
    expect(codes(await verifySaleSignatures(deps, sale.id))).toEqual(['record-damaged', 'record-damaged']);
  });

  it('the signature record deleted: its audit entry still names it, and the check says the record is missing', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await db.signatures.delete(record.id);
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.signatures[0]?.signatureId).toBe(record.id);
    expect(codes(v)).toEqual(['record-missing']);
  });

  it('a sale that reads signed with no signature at all: record and audit entry missing', async () => {
    const { db, deps, sale } = await make();
    await db.sales.update(sale.id, { signatureState: 'signed' });
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.signatures[0]?.signatureId).toBeNull();
    expect(codes(v)).toEqual(['record-missing', 'audit-missing']);
  });

  it('the signing entry deleted from the log: audit entry missing', async () => {
    const { db, deps, sign, sale } = await make();
    await sign();
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.signed');
    await db.audit.delete(entry!.seq);
    expect(codes(await verifySaleSignatures(deps, sale.id))).toEqual(['audit-missing']);
  });

  it('the signing entry edited in place: its hash no longer matches', async () => {
    const { db, deps, sign, sale } = await make();
    await sign();
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.signed')!;
    await db.audit.put({ ...entry, actor: 'someone-else' });
    expect(codes(await verifySaleSignatures(deps, sale.id))).toEqual(['audit-damaged']);
  });

  it('the signing entry edited and re-hashed after a checkpoint: not in the signed tree', async () => {
    const { db, deps, sign, sale } = await make();
    await sign();
    expect((await verifySaleSignatures(deps, sale.id)).ok).toBe(true);
    const entry = (await db.audit.toArray()).find((e) => e.action === 'sale.signed')!;
    const edited = { ...entry, actor: 'someone-else' };
    await db.audit.put({ ...edited, hash: hashEntry(edited) });
    expect((await verifySaleSignatures(deps, sale.id)).signatures[0]?.check.problems).toEqual([{ code: 'audit-not-checkpointed', reason: 'not-in-tree' }]);
  });

  it('main will not sign a checkpoint: the signing is not covered yet', async () => {
    const { deps, sign, sale } = await make({ refuse: true });
    await sign();
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.checkpointRefused).toBe('checkpoint-inconsistent');
    expect(v.signatures[0]?.check.problems).toEqual([{ code: 'audit-not-checkpointed', reason: 'no-checkpoint' }]);
  });

  it('a checkpoint signed by another device’s key', async () => {
    const { db, deps, sign, sale, deviceId } = await make();
    await sign();
    const head = (await verifySaleSignatures(deps, sale.id)).checkpoint!;
    const mine = (await db.auditCheckpoints.get(head.size))!;
    const other = seedOf(8);
    const name = deviceKeyName(deviceId);
    const body = formatCheckpoint({ origin: name, size: mine.size + 1, rootHash: fromBase64(mine.rootHash)! });
    await saveCheckpoint(db, { ...mine, size: mine.size + 1, note: signNote(body, name, other) });
    expect(codes(await verifySaleSignatures(deps, sale.id))).toEqual(['checkpoint-foreign-key']);
  });

  it('the host answered A0 after the signing (a forwarded sale): sign on again, and a sign-on recorded for it settles it', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await updateSale(db, sale.id, { responseCode: 'A0' }, { actor: 'op-1', action: 'sale.forward-declined', result: 'fail', detail: { responseCode: 'A0' } });
    const before = await verifySaleSignatures(deps, sale.id);
    expect(before.signatures[0]?.check.problems).toEqual([{ code: 'host-mac-rejected', responseCode: 'A0' }]);
    expect(before.signatures[0]?.check.remedies).toEqual(['sign-on-again']);
    await appendAudit(db, { actor: 'op-1', action: 'acquirer.sign-on', objectType: 'sale', objectId: sale.id, result: 'ok', detail: { remedyFor: record.id, remedy: 'sign-on-again' } });
    const after = await verifySaleSignatures(deps, sale.id);
    expect(after.ok).toBe(true);
    expect(after.signatures[0]?.remedies).toMatchObject([{ remedy: 'sign-on-again', result: 'ok', recordId: null }]);
  });

  it('a record from before the snapshot was kept verifies, and a change since is reported without naming the field', async () => {
    const { db, deps, sign, sale } = await make();
    const record = await sign();
    await db.signatures.update(record.id, { signedFields: undefined });
    expect((await verifySaleSignatures(deps, sale.id)).ok).toBe(true);
    await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'amountFen', '23.50');
    expect((await verifySaleSignatures(deps, sale.id)).signatures[0]?.check.problems).toEqual([{ code: 'data-changed', fields: [] }]);
  });

  it('a re-signature taken as the remedy is linked both ways, and verifies against the sale as it is now', async () => {
    const { db, deps, sign, sale, actions } = await make();
    const original = await sign();
    await damageTrainingSale({ db, operatorId: 'op-1' }, sale.id, 'amountFen', '99.00');
    await actions.supplementary(sale, strokes, 'data:image/png;base64,', { signatureId: original.id, remedy: 're-sign' });
    const v = await verifySaleSignatures(deps, sale.id);
    expect(v.signatures.map((s) => [s.kind, s.check.ok])).toEqual([
      ['original', false],
      ['supplementary', true],
    ]);
    expect(v.signatures[0]?.remedies).toMatchObject([{ remedy: 're-sign', recordId: v.signatures[1]?.signatureId }]);
    expect(v.signatures[1]?.remedyOf).toEqual({ signatureId: original.id, remedy: 're-sign' });
  });

  it('nothing to check for an unsigned or paper-signed sale; an unknown sale is an error', async () => {
    const { deps, sale, actions } = await make();
    expect(await verifySaleSignatures(deps, sale.id)).toMatchObject({ ok: true, signatures: [] });
    await actions.onPaper(sale, { name: 'slip.png', type: 'image/png', bytes: new Uint8Array([1]) }, '');
    expect(await verifySaleSignatures(deps, sale.id)).toMatchObject({ ok: true, signatures: [] });
    await expect(verifySaleSignatures(deps, uuidv7())).rejects.toBeInstanceOf(SignatureVerifyError);
  });
});
