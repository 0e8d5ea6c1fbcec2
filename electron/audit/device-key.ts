import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { sha256Hex } from '../../shared/domain/hash';
import { uuidv7 } from '../../shared/domain/ids';
import { signNote, toBase64, verifierKey } from '../../shared/domain/signed-note';
import type { EvidenceSigner } from '../../shared/domain/evidence/dsse';
import type { DeviceIdentity } from '../../shared/ipc/commands/audit';
import { writeFileAtomic } from '../services/atomic-file';
import type { SecretStore } from '../services/platform';

/**
 * The device's Ed25519 key (ARCHITECTURE "Integrity"): made at first run, its 32-byte private
 * key (seed) held in the platform secret store (safeStorage on the desktop, a key file in the
 * browser host), used by main only, to sign audit checkpoints (and, later, evidence manifests).
 * `<data>/device.json` records the device id and the public key; if the secret store ever
 * holds a different key than the one recorded there, the console stops and says so rather
 * than sign under a key nobody was given.
 */
export const DEVICE_KEY_SECRET = 'device-signing-key';
const DeviceFile = z.object({ version: z.literal(1), deviceId: z.string(), publicKey: z.string(), createdAt: z.string() });

export class DeviceKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceKeyError';
  }
}

export class DeviceKey {
  readonly keyName: string;
  readonly fingerprint: string;

  private constructor(
    readonly deviceId: string,
    private readonly seed: Uint8Array,
    readonly publicKey: Uint8Array,
    private readonly protectedByOs: boolean,
  ) {
    this.keyName = `countersign/${deviceId}`;
    this.fingerprint = sha256Hex(publicKey);
  }

  static async open(secrets: SecretStore, dataDir: string, now: () => number = Date.now): Promise<DeviceKey> {
    const seed = await secrets.getOrCreate(DEVICE_KEY_SECRET, 32);
    const publicKey = ed25519.getPublicKey(seed);
    const file = join(dataDir, 'device.json');
    let deviceId: string;
    if (existsSync(file)) {
      const parsed = DeviceFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new DeviceKeyError(`${file} is damaged; it was kept as it is. Restore it from a backup.`);
      if (parsed.data.publicKey !== toBase64(publicKey)) {
        throw new DeviceKeyError(`The device signing key in the secret store is not the one recorded in ${file}. Nothing was changed; restore the key from a key backup.`);
      }
      deviceId = parsed.data.deviceId;
    } else {
      deviceId = uuidv7(now());
      writeFileAtomic(file, `${JSON.stringify({ version: 1, deviceId, publicKey: toBase64(publicKey), createdAt: new Date(now()).toISOString() }, null, 1)}\n`);
    }
    return new DeviceKey(deviceId, seed, publicKey, secrets.protectedByOs);
  }

  /** Signs evidence bundles' DSSE envelopes (Ed25519 over the PAE) with this key. */
  evidenceSigner(): EvidenceSigner {
    return { publicKey: this.publicKey, sign: (message) => Promise.resolve(ed25519.sign(message, this.seed)) };
  }

  /** Signs a note text (C2SP signed note) under the key name `countersign/<deviceId>`. */
  signNote(text: string): string {
    return signNote(text, this.keyName, this.seed);
  }

  identity(): DeviceIdentity {
    return {
      deviceId: this.deviceId,
      keyName: this.keyName,
      publicKey: toBase64(this.publicKey),
      fingerprint: this.fingerprint,
      verifierKey: verifierKey(this.keyName, this.publicKey),
      protectedByOs: this.protectedByOs,
    };
  }
}
