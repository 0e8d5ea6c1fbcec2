import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SignatureCheckResult } from '../../../shared/domain/sale/signature-check';
import { CountersignDb } from '../data/db';
import { createJob } from '../data/print-jobs-repo';
import { SignatureVerifyError } from './evidence/signature-verify';
import type { SaleSignatureVerification, SignatureVerification } from './evidence/signature-verify';
import { checkBeforeReprint } from './reprint-check';

const checked = (check: Partial<SignatureCheckResult>): SignatureVerification => ({
  signatureId: uuidv7(),
  kind: 'original',
  capturedAt: 1,
  check: { ok: true, digest: null, featureCode: null, problems: [], remedies: [], ...check },
  remedyOf: null,
  remedies: [],
});

const verification = (signatures: SignatureVerification[]): SaleSignatureVerification => ({
  saleId: 's',
  checkedAt: 1,
  ok: signatures.every((s) => s.check.ok),
  signatures,
  checkpoint: null,
  checkpointRefused: null,
});

describe('checkBeforeReprint', () => {
  it('prints at once when every signature verifies, recording that it did', async () => {
    expect(await checkBeforeReprint(() => Promise.resolve(verification([checked({})])), 's')).toEqual({ kind: 'print', check: { result: 'ok', problems: [] } });
  });

  it('prints at once, with no check recorded, when there is no signature to verify', async () => {
    expect(await checkBeforeReprint(() => Promise.resolve(verification([])), 's')).toEqual({ kind: 'print', check: null });
  });

  it('asks first when a check fails, naming each failing check once', async () => {
    const failing = verification([
      checked({ ok: false, problems: [{ code: 'data-changed', fields: [] }, { code: 'audit-missing' }] }),
      checked({ ok: false, problems: [{ code: 'data-changed', fields: [] }] }),
    ]);
    const decision = await checkBeforeReprint(() => Promise.resolve(failing), 's');
    expect(decision).toMatchObject({ kind: 'ask', check: { result: 'failed', problems: ['data-changed', 'audit-missing'] }, error: null });
  });

  it('asks first when the check cannot run (no device key), recording it as not run', async () => {
    const decision = await checkBeforeReprint(() => Promise.reject(new SignatureVerifyError('no-device-key', 'main did not answer')), 's');
    expect(decision).toMatchObject({ kind: 'ask', check: { result: 'not-run', problems: [] }, verification: null });
  });

  it('a reprint printed with a failing check keeps it on the job and in its audit entry', async () => {
    const db = new CountersignDb(`reprint-check-${uuidv7()}`);
    const job = await createJob(db, { saleId: 's', copy: 'merchant', reprint: 1, printer: 'virtual', operatorId: 'op', signatureCheck: { result: 'failed', problems: ['data-changed'] } });
    expect((await db.printJobs.get(job.id))?.signatureCheck).toEqual({ result: 'failed', problems: ['data-changed'] });
    const entry = (await db.audit.toArray()).find((e) => e.action === 'receipt.reprint');
    expect(entry?.detail).toMatchObject({ jobId: job.id, signatureCheck: 'failed', problems: ['data-changed'] });
  });
});
