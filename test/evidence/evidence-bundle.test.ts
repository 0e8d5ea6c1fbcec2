import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashEntry } from '../../shared/domain/audit-chain';
import type { ChainEntry } from '../../shared/domain/audit-chain';
import { TAG_MANIFEST, formatManifest } from '../../shared/domain/evidence/bagit';
import { openZipBundle } from '../../shared/domain/evidence/bundle-reader';
import { ENVELOPE_FILE, EXCERPT_FILE, bundlePaths } from '../../shared/domain/evidence/layout';
import type { SaleFile, SignatureFile } from '../../shared/domain/evidence/layout';
import { extractPdfText } from '../../shared/domain/evidence/pdf-text';
import type { EvidenceSaleInput, EvidenceSource } from '../../shared/domain/evidence/source';
import { verifyBundle } from '../../shared/domain/evidence/verify-bundle';
import { bytesAccess } from '../../shared/domain/evidence/zip-reader';
import { sha256Hex } from '../../shared/domain/hash';
import { EvidenceExportError, writeEvidenceBundle } from '../../electron/evidence/bundle-writer';
import { loadReportFont } from '../../electron/evidence/report-font';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';
import { findSentinel } from '../card-sentinel';
import { OTHER_DEVICE_SEED, TEST_DEVICE_SEED, buildFixture } from './bundle-fixture';
import type { Fixture } from './bundle-fixture';
import { codesOf, readJson, reseal, unzipBundle, verifyFiles, writeJson } from './bundle-tamper';
import type { BundleFiles } from './bundle-tamper';

/**
 * The evidence bundle end to end at the writer level: a realistic one-sale bundle is written
 * (and left in test-results/evidence/ for the independent verifier), checked clean, then
 * damaged one way at a time; the verifier must report exactly the code for that damage.
 */
const OUT = join('test-results', 'evidence');
const font = loadReportFont(process.cwd());
let fixture: Fixture;
let zip: Uint8Array;
let pristine: BundleFiles;
let fingerprint: string;

const write = async (source: EvidenceSource, name: string, signal?: AbortSignal): Promise<Uint8Array> => {
  mkdirSync(OUT, { recursive: true });
  const dest = join(OUT, name);
  await writeEvidenceBundle(dest, source, { signer: fixture.signer, font, signal });
  const { readFileSync } = await import('node:fs');
  return new Uint8Array(readFileSync(dest));
};

const withItems = (items: EvidenceSaleInput[]): EvidenceSource => ({
  ...fixture.source(),
  expectedSales: items.length,
  sales: (async function* () {
    for (const item of items) yield await Promise.resolve(item);
  })(),
});

const copy = (files: BundleFiles): BundleFiles => new Map([...files].map(([k, v]) => [k, v.slice()]));
const saleId = (): string => fixture.items[0]?.sale.saleId ?? '';
/** Redoes only tagmanifest-sha256.txt (unsigned, anyone can), so a change to a tag file shows as itself. */
const retag = (files: BundleFiles): void => {
  const tags = [...files].filter(([n]) => !n.startsWith('data/') && n !== TAG_MANIFEST).map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes) }));
  files.set(TAG_MANIFEST, new TextEncoder().encode(formatManifest(tags)));
};

beforeAll(async () => {
  fixture = buildFixture({ sales: 1 });
  zip = await write(fixture.source(), 'sample-bundle.zip');
  pristine = await unzipBundle(zip);
  fingerprint = sha256Hex(fixture.signer.publicKey);
}, 60_000);

describe('an evidence bundle as written', () => {
  it('verifies clean from the ZIP, with and without the trusted key', async () => {
    const report = await verifyBundle(await openZipBundle(bytesAccess(zip)), { trustedKey: fingerprint });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.facts).toMatchObject({ keyFingerprint: fingerprint, sales: [saleId()], caseId: 'case-0001', signaturesChecked: 2, checkpointSize: fixture.log.entries.length });
    expect((await verifyFiles(pristine)).ok).toBe(true);
  });

  it('holds the files the format names, each listed in the manifest and the signed statement', () => {
    const id = saleId();
    const names = [...pristine.keys()];
    for (const name of [
      'bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'device-key.pem', 'evidence.dsse.json',
      'data/report.zh-CN.pdf', 'data/report.en.pdf', `data/sales/${id}.json`, `data/host/${id}.json`, 'data/audit/excerpt.json',
      `data/receipts/${id}-merchant.png`, `data/receipts/${id}-merchant.escpos`, `data/receipts/${id}-customer.png`, `data/receipts/${id}-merchant-reprint-1.png`, `data/receipts/${id}-merchant-reprint-1.escpos`,
    ]) expect(names).toContain(name);
    expect(names.filter((n) => n.startsWith('data/signatures/'))).toHaveLength(4);
    expect(names).toContain('data/attachments/att-0001-customer_letter_.txt');
    const sig = readJson<SignatureFile>(pristine, bundlePaths.signature(fixture.items[0]?.signatures[0]?.signatureId ?? '', 'json'));
    expect(Object.keys(sig).sort()).toEqual(['capturedAt', 'digest', 'featureCode', 'kind', 'saleId', 'signatureId', 'signedFields', 'strokes']);
    const host = readJson<{ exchanges: Array<Record<string, unknown>> }>(pristine, `data/host/${id}.json`);
    expect(host.exchanges[0]).toMatchObject({ requestMti: '0200', responseMti: '0210', processingCode: '000000', responseCode: '00', responseMeaning: { en: 'Approved.', 'zh-CN': '交易成功。' } });
    const bagInfo = new TextDecoder().decode(pristine.get('bag-info.txt'));
    expect(bagInfo).toMatch(/^Source-Organization: 示例商店 Sample Shop <&> "=1\+1"$/m);
    expect(bagInfo).toMatch(/^External-Identifier: case-0001$/m);
    expect(bagInfo).toMatch(/^Bagging-Date: 2026-11-23$/m);
  });

  it('never carries the sentinel card number, in any file or in the reports’ text', () => {
    const texts = [...pristine].flatMap(([name, bytes]) => (name.endsWith('.pdf') ? extractPdfText(bytes) : [new TextDecoder('latin1').decode(bytes)]));
    expect(findSentinel({ needles: [SENTINEL_TEST_PAN], extraTexts: [new TextDecoder('latin1').decode(zip), ...texts] })).toEqual([]);
  });
});

describe('the verifier on damaged bundles names exactly the damage', () => {
  it('one payload byte flipped: DIGEST_MISMATCH for that file only', async () => {
    const files = copy(pristine);
    const name = `data/receipts/${saleId()}-customer.png`;
    const bytes = files.get(name) as Uint8Array;
    bytes[100] = (bytes[100] ?? 0) ^ 0x01;
    const report = await verifyFiles(files);
    expect(new Set(codesOf(report))).toEqual(new Set([`DIGEST_MISMATCH ${name}`]));
  });

  it('one signature byte flipped: SIGNATURE_INVALID', async () => {
    const files = copy(pristine);
    const envelope = readJson<{ signatures: Array<{ sig: string }> }>(files, ENVELOPE_FILE);
    const sig = Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64');
    sig[10] = (sig[10] ?? 0) ^ 0x01;
    writeJson(files, ENVELOPE_FILE, { ...envelope, signatures: [{ ...envelope.signatures[0], sig: sig.toString('base64') }] });
    retag(files);
    expect(codesOf(await verifyFiles(files))).toEqual([`SIGNATURE_INVALID ${ENVELOPE_FILE}`]);
  });

  it('re-signed with another key: clean on its own, UNKNOWN_KEY against the shop’s fingerprint', async () => {
    const files = copy(pristine);
    await reseal(files, OTHER_DEVICE_SEED, { resignCheckpoint: true });
    expect((await verifyFiles(files)).failures).toEqual([]);
    expect(codesOf(await verifyFiles(files, { trustedKey: fingerprint }))).toEqual(['UNKNOWN_KEY device-key.pem']);
  });

  it('re-signed with another key but the old checkpoint: CHECKPOINT_INVALID too', async () => {
    const files = copy(pristine);
    await reseal(files, OTHER_DEVICE_SEED);
    expect(codesOf(await verifyFiles(files, { trustedKey: fingerprint }))).toEqual(['UNKNOWN_KEY device-key.pem', `CHECKPOINT_INVALID ${EXCERPT_FILE}`]);
  });

  const editEntry = async (rehash: boolean, pick: (entries: ChainEntry[]) => number): Promise<string[]> => {
    const files = copy(pristine);
    const excerpt = readJson<{ entries: ChainEntry[] }>(files, EXCERPT_FILE);
    const at = pick(excerpt.entries);
    const entry = excerpt.entries[at] as ChainEntry;
    const edited: ChainEntry = { ...entry, actor: 'someone-else' };
    excerpt.entries[at] = rehash ? { ...edited, hash: hashEntry(edited) } : edited;
    writeJson(files, EXCERPT_FILE, excerpt);
    await reseal(files, TEST_DEVICE_SEED);
    return codesOf(await verifyFiles(files, { trustedKey: fingerprint }));
  };

  it('an audit entry edited: AUDIT_CHAIN_BROKEN', async () => {
    expect(await editEntry(false, () => 0)).toEqual([`AUDIT_CHAIN_BROKEN ${EXCERPT_FILE}`]);
  });

  it('an audit entry edited and re-hashed: its successor’s link breaks and its proof fails', async () => {
    expect(await editEntry(true, () => 0)).toEqual([`AUDIT_CHAIN_BROKEN ${EXCERPT_FILE}`, `CHECKPOINT_INVALID ${EXCERPT_FILE}`]);
  });

  it('the last audit entry edited and re-hashed (no successor in the excerpt): CHECKPOINT_INVALID', async () => {
    expect(await editEntry(true, (entries) => entries.length - 1)).toEqual([`CHECKPOINT_INVALID ${EXCERPT_FILE}`]);
  });

  it('a signed field changed after signing: SIGNATURE_DIGEST_MISMATCH naming the field, for each signature', async () => {
    const item = fixture.items[0] as EvidenceSaleInput;
    const damaged = { ...item, sale: { ...item.sale, amountFen: item.sale.amountFen + 100 } };
    const files = await unzipBundle(await write(withItems([damaged]), 'damaged-amount.zip'));
    const report = await verifyFiles(files, { trustedKey: fingerprint });
    expect(codesOf(report)).toEqual(item.signatures.map((s) => `SIGNATURE_DIGEST_MISMATCH ${bundlePaths.signature(s.signatureId, 'json')} amountFen`));
    expect(report.failures[0]?.message).toBe(`field amountFen: signed ${item.sale.amountFen}, the sale now has ${item.sale.amountFen + 100}`);
    rmSync(join(OUT, 'damaged-amount.zip'));
  });

  it('a signature record’s signed fields edited: the field and the digest', async () => {
    const files = copy(pristine);
    const name = bundlePaths.signature(fixture.items[0]?.signatures[0]?.signatureId ?? '', 'json');
    const sig = readJson<SignatureFile>(files, name);
    writeJson(files, name, { ...sig, signedFields: { ...sig.signedFields, rrn: '999999999999' } });
    await reseal(files, TEST_DEVICE_SEED);
    expect(codesOf(await verifyFiles(files))).toEqual([`SIGNATURE_DIGEST_MISMATCH ${name} rrn`, `SIGNATURE_DIGEST_MISMATCH ${name} digest`]);
  });

  it('a card number planted in a file: PAN_FOUND', async () => {
    const files = copy(pristine);
    const name = bundlePaths.sale(saleId());
    writeJson(files, name, { ...readJson<SaleFile>(files, name), note: `card 6212 3456 7890 1232` });
    await reseal(files, TEST_DEVICE_SEED);
    expect(codesOf(await verifyFiles(files))).toEqual([`PAN_FOUND ${name}`]);
  });

  it('a file left out of the manifest, and a wrong Payload-Oxum: BAG_INVALID', async () => {
    const files = copy(pristine);
    files.set('data/extra.txt', new TextEncoder().encode('added later\n'));
    const codes = codesOf(await verifyFiles(files));
    expect(codes).toContain('BAG_INVALID bag-info.txt');
    expect(codes).toContain('BAG_INVALID data/extra.txt');
    expect(codes).toContain('SIGNATURE_INVALID data/extra.txt');
  });
});

describe('the writer', () => {
  it('refuses to export a card number in shop text, and leaves nothing behind', async () => {
    const item = fixture.items[0] as EvidenceSaleInput;
    const planted = { ...item, sale: { ...item.sale, note: `customer's card ${SENTINEL_TEST_PAN}` } };
    const dest = join(OUT, 'refused.zip');
    const err = await writeEvidenceBundle(dest, withItems([planted]), { signer: fixture.signer, font }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvidenceExportError);
    expect(err).toMatchObject({ problem: 'card-data-found', file: bundlePaths.sale(item.sale.saleId), last4: '1232' });
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(OUT).filter((n) => n.includes('refused'))).toEqual([]);
  });

  it('refuses a card number that would only reach the report (a case note)', async () => {
    const item = fixture.items[0] as EvidenceSaleInput;
    const planted = { ...item, cases: [{ ...(item.cases[0] as EvidenceSaleInput['cases'][number]), notes: `card 4111 1111 1111 1111` }] };
    const err = await writeEvidenceBundle(join(OUT, 'refused.zip'), withItems([planted]), { signer: fixture.signer, font }).catch((e: unknown) => e);
    expect(err).toMatchObject({ problem: 'card-data-found', last4: '1111' });
  });

  it('stops when cancelled, leaving no file', async () => {
    const controller = new AbortController();
    controller.abort();
    const dest = join(OUT, 'cancelled.zip');
    await expect(writeEvidenceBundle(dest, fixture.source(), { signer: fixture.signer, font, signal: controller.signal })).rejects.toMatchObject({ problem: 'cancelled' });
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(OUT).filter((n) => n.includes('cancelled'))).toEqual([]);
  });

  it('refuses a checkpoint this device did not sign', async () => {
    const other = buildFixture({ sales: 1, seed: OTHER_DEVICE_SEED });
    const source = { ...fixture.source(), header: { ...fixture.source().header, checkpoint: other.source().header.checkpoint } };
    await expect(writeEvidenceBundle(join(OUT, 'x.zip'), source, { signer: fixture.signer, font })).rejects.toMatchObject({ problem: 'invalid-input' });
  });
});

it('keeps a sample of the report PDFs beside the bundle for people to look at', () => {
  for (const lang of ['zh-CN', 'en']) writeFileSync(join(OUT, `sample-report.${lang}.pdf`), pristine.get(`data/report.${lang}.pdf`) as Uint8Array);
  expect(existsSync(join(OUT, 'sample-report.en.pdf'))).toBe(true);
});
