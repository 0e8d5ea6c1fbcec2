import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVELOPE_FILE } from '../../shared/domain/evidence/layout';
import { pae } from '../../shared/domain/evidence/dsse';
import { parseEd25519PublicKeyPem } from '../../shared/domain/evidence/key-pem';
import { sha256Hex } from '../../shared/domain/hash';
import { writeEvidenceBundle } from '../../electron/evidence/bundle-writer';
import { loadReportFont } from '../../electron/evidence/report-font';
import { buildFixture } from './bundle-fixture';
import { readJson, unzipBundle, writeJson, zipBundle } from './bundle-tamper';

/**
 * A bank without Countersign: the bundle checks out with standard tools (the README's script:
 * unzip, sha256sum, openssl, jq) and Node's own crypto reads device-key.pem.
 */
const SCRIPT = join('test', 'evidence', 'check-with-standard-tools.sh');
const dir = mkdtempSync(join(tmpdir(), 'evidence-tools-'));
const bundle = join(dir, 'bundle.zip');
let fingerprint = '';

beforeAll(async () => {
  const fixture = buildFixture({ sales: 1, reuseReceipts: true });
  fingerprint = sha256Hex(fixture.signer.publicKey);
  await writeEvidenceBundle(bundle, fixture.source(), { signer: fixture.signer, font: loadReportFont(process.cwd()) });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (zip: string, key: string): { code: number | null; out: string } => {
  const r = spawnSync('bash', [SCRIPT, zip, key], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('checking a bundle with standard tools', () => {
  it('passes the README script: manifests, key fingerprint, DSSE signature with openssl, statement = manifest', () => {
    const r = run(bundle, fingerprint);
    expect(r.out).toContain('Signature Verified Successfully');
    expect(r.out).toContain('OK: bag, key and signature check out');
    expect(r.code).toBe(0);
  });

  it('fails the script with another fingerprint, and with a flipped signature bit', async () => {
    expect(run(bundle, 'f'.repeat(64))).toMatchObject({ code: 1 });
    const files = await unzipBundle(new Uint8Array(readFileSync(bundle)));
    const envelope = readJson<{ signatures: Array<{ sig: string; keyid: string }> }>(files, ENVELOPE_FILE);
    const sig = Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64');
    sig[5] = (sig[5] ?? 0) ^ 0x80;
    writeJson(files, ENVELOPE_FILE, { ...envelope, signatures: [{ keyid: envelope.signatures[0]?.keyid, sig: sig.toString('base64') }] });
    const damaged = join(dir, 'damaged.zip');
    writeFileSync(damaged, zipBundle(files));
    const r = run(damaged, fingerprint);
    expect(r.code).not.toBe(0);
  });

  it('device-key.pem is a standard Ed25519 SPKI key that Node’s crypto reads and verifies with', async () => {
    const files = await unzipBundle(new Uint8Array(readFileSync(bundle)));
    const pem = new TextDecoder().decode(files.get('device-key.pem'));
    const key = createPublicKey(pem);
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(sha256Hex(new Uint8Array(key.export({ format: 'der', type: 'spki' })).slice(-32))).toBe(fingerprint);
    expect(parseEd25519PublicKeyPem(pem)).toEqual(new Uint8Array(key.export({ format: 'der', type: 'spki' })).slice(-32));
    const envelope = readJson<{ payload: string; payloadType: string; signatures: Array<{ sig: string }> }>(files, ENVELOPE_FILE);
    const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
    expect(verify(null, message, key, Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64'))).toBe(true);
  });
});
