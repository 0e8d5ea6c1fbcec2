import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_CODES } from '../../shared/domain/evidence/verify-failures';
import { sha256Hex } from '../../shared/domain/hash';
import { writeEvidenceBundle } from '../../electron/evidence/bundle-writer';
import { loadReportFont } from '../../electron/evidence/report-font';
import { parseArgs, runVerify } from '../../electron/evidence/verify-cli';
import { buildFixture } from './bundle-fixture';
import { unzipBundle, zipBundle } from './bundle-tamper';

/** `npm run verify-evidence`: exit 0 only when every check holds; one line per failure, code first. */
const dir = mkdtempSync(join(tmpdir(), 'evidence-cli-'));
const good = join(dir, 'good.zip');
let fingerprint = '';

beforeAll(async () => {
  const fixture = buildFixture({ sales: 1, reuseReceipts: true });
  fingerprint = sha256Hex(fixture.signer.publicKey);
  await writeEvidenceBundle(good, fixture.source(), { signer: fixture.signer, font: loadReportFont(process.cwd()) });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeLines = (lines: string[]): string[] => lines.filter((l) => VERIFY_CODES.some((c) => l.startsWith(`${c} `) || l.startsWith(`${c}:`)));

describe('verify-evidence', () => {
  it('exits 0 on a good bundle with the right key, printing no failure line', async () => {
    const r = await runVerify([good, '--trusted-key', fingerprint]);
    expect(r.code).toBe(0);
    expect(codeLines(r.lines)).toEqual([]);
    expect(r.lines.at(-1)).toBe('OK: every check holds');
    expect(r.lines).toContain(`Device key fingerprint: ${fingerprint}`);
  });

  it('exits 1 with UNKNOWN_KEY first on its line for another fingerprint', async () => {
    const r = await runVerify([good, `--trusted-key=${'a'.repeat(64)}`]);
    expect(r.code).toBe(1);
    expect(codeLines(r.lines)).toEqual([expect.stringMatching(/^UNKNOWN_KEY device-key\.pem: the bundle is signed by key [0-9a-f]{64}, not the trusted key a{64}$/)]);
    expect(r.lines.at(-1)).toBe('FAILED: 1 problem');
  });

  it('exits 1 with one DIGEST_MISMATCH line per disagreement when a payload byte changed', async () => {
    const files = await unzipBundle(new Uint8Array(readFileSync(good)));
    const name = [...files.keys()].find((n) => n.endsWith('.escpos')) as string;
    const bytes = files.get(name) as Uint8Array;
    bytes[20] = (bytes[20] ?? 0) ^ 0x20;
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, zipBundle(files));
    const r = await runVerify([bad]);
    expect(r.code).toBe(1);
    expect(codeLines(r.lines)).toEqual([expect.stringMatching(new RegExp(`^DIGEST_MISMATCH ${name}: SHA-256 `)), `DIGEST_MISMATCH ${name}: the file differs from the signed statement`]);
  });

  it('reports a file that is not a ZIP as BAG_INVALID, and misuse with exit 2', async () => {
    const junk = join(dir, 'junk.zip');
    writeFileSync(junk, 'not a zip');
    const r = await runVerify([junk]);
    expect(r.code).toBe(1);
    expect(codeLines(r.lines)).toEqual([expect.stringMatching(/^BAG_INVALID: not a readable ZIP/)]);
    expect((await runVerify([])).code).toBe(2);
    expect((await runVerify([join(dir, 'missing.zip')])).code).toBe(2);
    expect(parseArgs(['b.zip', '--trusted-key', 'xyz'])).toMatch(/64 hex digits/);
  });
});
