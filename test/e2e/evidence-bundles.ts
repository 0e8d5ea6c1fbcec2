import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Download } from '@playwright/test';
import { openZipBundle, readAll } from '../../shared/domain/evidence/bundle-reader';
import { extractPdfText } from '../../shared/domain/evidence/pdf-text';
import { bytesAccess } from '../../shared/domain/evidence/zip-reader';
import { runVerify } from '../../electron/evidence/verify-cli';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';
import { unzipBundle, zipBundle } from '../evidence/bundle-tamper';

/**
 * Every bundle the evidence e2e makes is kept in test-results/evidence/<name>.zip (an independent
 * verifier checks them after the run), verified with the project's CLI in-process, and searched
 * for the sentinel card: in the ZIP's bytes, in every file once inflated, and in the PDFs' text.
 */
export const EVIDENCE_DIR = join('test-results', 'evidence');

export const keep = async (download: Download, name: string): Promise<string> => {
  const path = join(EVIDENCE_DIR, `${name}.zip`);
  mkdirSync(dirname(path), { recursive: true });
  await download.saveAs(path);
  return path;
};

/** `npm run verify-evidence -- <zip> --trusted-key <fingerprint>`: its exit code and lines. */
export const verifyWithCli = (path: string, fingerprint: string): Promise<{ lines: string[]; code: number }> => runVerify([path, '--trusted-key', fingerprint]);

/** Where the sentinel PAN appears in the bundle (empty: nowhere). */
export const sentinelHits = async (path: string): Promise<string[]> => {
  const zip = new Uint8Array(readFileSync(path));
  const hits: string[] = [];
  if (Buffer.from(zip).includes(SENTINEL_TEST_PAN)) hits.push(`${path}: raw bytes`);
  const reader = await openZipBundle(bytesAccess(zip));
  for (const name of reader.names) {
    const bytes = await readAll(reader, name);
    if (Buffer.from(bytes).includes(SENTINEL_TEST_PAN)) hits.push(`${name}: bytes`);
    if (name.endsWith('.pdf') && extractPdfText(bytes).some((text) => text.replace(/\s+/g, '').includes(SENTINEL_TEST_PAN))) hits.push(`${name}: text`);
  }
  return hits;
};

/** The files of a bundle. */
export const bundleNames = async (path: string): Promise<string[]> => [...(await openZipBundle(bytesAccess(new Uint8Array(readFileSync(path))))).names];

/** A copy of the bundle with one byte of one payload file flipped (the ZIP itself stays well formed), kept outside test-results/evidence/: only good bundles go there. */
export const tamperedCopy = async (path: string, name: string): Promise<{ path: string; file: string }> => {
  const files = await unzipBundle(new Uint8Array(readFileSync(path)));
  const file = [...files.keys()].find((n) => n.startsWith('data/receipts/') && n.endsWith('.png')) ?? [...files.keys()].find((n) => n.startsWith('data/sales/'));
  const bytes = file ? files.get(file) : undefined;
  if (!file || !bytes) throw new Error('the bundle has no receipt or sale file to damage');
  const copy = bytes.slice();
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  files.set(file, copy);
  const out = join('test-results', 'evidence-tampered', `${name}.zip`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipBundle(files));
  return { path: out, file };
};
