import { ed25519 } from '@noble/curves/ed25519.js';
import { zipSync } from 'fflate';
import { sha256Hex } from '../../shared/domain/hash';
import { deviceKeyName } from '../../shared/domain/audit-proof';
import { PAYLOAD_MANIFEST, TAG_MANIFEST, formatManifest, parseBagInfo, payloadOxum } from '../../shared/domain/evidence/bagit';
import { mapBundle, openZipBundle, readAll } from '../../shared/domain/evidence/bundle-reader';
import { IN_TOTO_PAYLOAD_TYPE, decodeBase64, keyFingerprint, signEnvelope } from '../../shared/domain/evidence/dsse';
import { ed25519PublicKeyPem } from '../../shared/domain/evidence/key-pem';
import { DEVICE_KEY_FILE, ENVELOPE_FILE, EXCERPT_FILE } from '../../shared/domain/evidence/layout';
import { Statement, buildStatement, statementBytes } from '../../shared/domain/evidence/statement';
import { verifyBundle } from '../../shared/domain/evidence/verify-bundle';
import type { VerifyOptions, VerifyReport } from '../../shared/domain/evidence/verify-bundle';
import { bytesAccess } from '../../shared/domain/evidence/zip-reader';
import { signNote } from '../../shared/domain/signed-note';
import { seedSigner } from './bundle-fixture';

/**
 * Damage for the verifier's tests: a bundle as a map of files, changed, optionally re-sealed
 * (manifests, Payload-Oxum, statement and signature redone, as someone holding a key would),
 * and zipped again.
 */
export type BundleFiles = Map<string, Uint8Array>;

const enc = new TextEncoder();
const dec = new TextDecoder();

export const unzipBundle = async (zip: Uint8Array): Promise<BundleFiles> => {
  const reader = await openZipBundle(bytesAccess(zip));
  const files: BundleFiles = new Map();
  for (const name of reader.names) files.set(name, await readAll(reader, name));
  return files;
};

export const zipBundle = (files: BundleFiles): Uint8Array => zipSync(Object.fromEntries(files), { level: 6 });

export const verifyFiles = (files: BundleFiles, opts: VerifyOptions = {}): Promise<VerifyReport> => verifyBundle(mapBundle(files), opts);

export const readJson = <T>(files: BundleFiles, name: string): T => JSON.parse(dec.decode(files.get(name))) as T;

export const writeJson = (files: BundleFiles, name: string, value: unknown): void => {
  files.set(name, enc.encode(`${JSON.stringify(value, null, 2)}\n`));
};

export const statementOf = (files: BundleFiles): Statement => {
  const envelope = readJson<{ payload: string }>(files, ENVELOPE_FILE);
  return Statement.parse(JSON.parse(dec.decode(decodeBase64(envelope.payload) ?? new Uint8Array())));
};

/**
 * Redoes manifest-sha256.txt, Payload-Oxum, the statement's subjects and its signature, and
 * tagmanifest-sha256.txt, signed with `seed` (its key goes into device-key.pem). With
 * `resignCheckpoint`, the audit checkpoint is signed again with that key too.
 */
export const reseal = async (files: BundleFiles, seed: Uint8Array, opts: { resignCheckpoint?: boolean } = {}): Promise<void> => {
  const signer = seedSigner(seed);
  const predicate = statementOf(files).predicate;
  if (opts.resignCheckpoint) {
    const excerpt = readJson<{ checkpoint: string }>(files, EXCERPT_FILE);
    const body = excerpt.checkpoint.slice(0, excerpt.checkpoint.lastIndexOf('\n\n') + 1);
    writeJson(files, EXCERPT_FILE, { ...excerpt, checkpoint: signNote(body, deviceKeyName(predicate.deviceId), seed) });
  }
  const payload = [...files.entries()].filter(([n]) => n.startsWith('data/')).map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), size: bytes.length }));
  files.set(PAYLOAD_MANIFEST, enc.encode(formatManifest(payload)));
  const info = parseBagInfo(dec.decode(files.get('bag-info.txt'))) ?? new Map<string, string[]>();
  info.set('Payload-Oxum', [payloadOxum(payload.reduce((n, p) => n + p.size, 0), payload.length)]);
  files.set('bag-info.txt', enc.encode([...info.entries()].flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}\n`)).join('')));
  files.set(DEVICE_KEY_FILE, enc.encode(ed25519PublicKeyPem(ed25519.getPublicKey(seed))));
  const statement = buildStatement(payload, { ...predicate, keyFingerprint: keyFingerprint(signer.publicKey) });
  writeJson(files, ENVELOPE_FILE, await signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), signer));
  const tags = [...files.entries()].filter(([n]) => !n.startsWith('data/') && n !== TAG_MANIFEST).map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes) }));
  files.set(TAG_MANIFEST, enc.encode(formatManifest(tags)));
};

/** The failures as `CODE file` pairs, for exact assertions. */
export const codesOf = (report: VerifyReport): string[] => report.failures.map((f) => `${f.code}${f.file ? ` ${f.file}` : ''}${f.field ? ` ${f.field}` : ''}`);
