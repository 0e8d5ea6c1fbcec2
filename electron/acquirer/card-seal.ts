import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ClearCard, EntryMode } from '../card/clear-card';
import type { SecretStore } from '../services/platform';

/**
 * Offline sales keep their card only sealed (RULES 2): AES-256-GCM with a random 96-bit IV under
 * a key held by main (`offline-seal`: Electron safeStorage on the desktop, a user-only key file in
 * the browser host). The renderer stores the blob and hands it back to forward the sale; it is
 * opaque base64 with no clear card data. Layout: version (1) | IV (12) | ciphertext | tag (16).
 * Only what an advice needs is sealed: PAN, expiry, service code, track 2, entry mode.
 */
export const SEAL_SECRET = 'offline-seal';
export const SEAL_KEY_BYTES = 32;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('countersign/offline-card/v1', 'utf8');

export type SealFailure = 'sealed-malformed' | 'sealed-tampered';

export class SealError extends Error {
  constructor(
    readonly reason: SealFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

interface Sealed {
  pan: string;
  expiry: string;
  serviceCode: string;
  track2: string;
  entryMode: EntryMode;
}

const isSealed = (v: unknown): v is Sealed => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.pan === 'string' &&
    /^\d{12,19}$/.test(o.pan) &&
    typeof o.expiry === 'string' &&
    typeof o.serviceCode === 'string' &&
    typeof o.track2 === 'string' &&
    (o.entryMode === 'hid-swipe' || o.entryMode === 'keyboard-swipe')
  );
};

export class CardSealer {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== SEAL_KEY_BYTES) throw new Error(`the sealing key has ${key.length} bytes, expected ${SEAL_KEY_BYTES}`);
    this.key = Buffer.from(key);
  }

  static async create(secrets: SecretStore): Promise<CardSealer> {
    return new CardSealer(await secrets.getOrCreate(SEAL_SECRET, SEAL_KEY_BYTES));
  }

  seal(card: ClearCard): string {
    const plain = Buffer.from(JSON.stringify({ pan: card.pan, expiry: card.expiry, serviceCode: card.serviceCode, track2: card.track2, entryMode: card.entryMode } satisfies Sealed), 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]).toString('base64');
  }

  /** Opens a blob in memory; the caller wipes the card when done. */
  unseal(sealed: string): ClearCard {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sealed)) throw new SealError('sealed-malformed', 'the sealed card is not base64');
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < 1 + IV_BYTES + 1 + TAG_BYTES) throw new SealError('sealed-malformed', `the sealed card has ${raw.length} bytes, too short`);
    if (raw[0] !== VERSION) throw new SealError('sealed-malformed', `unknown sealed-card version ${raw[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealError('sealed-tampered', 'the sealed card failed authentication (edited, or sealed under another key)');
    }
    try {
      const parsed: unknown = JSON.parse(plain.toString('utf8'));
      if (!isSealed(parsed)) throw new SealError('sealed-malformed', 'the sealed card does not hold a card');
      return { pan: parsed.pan, expiry: parsed.expiry, serviceCode: parsed.serviceCode, track2: parsed.track2, entryMode: parsed.entryMode };
    } catch (error) {
      if (error instanceof SealError) throw error;
      throw new SealError('sealed-malformed', 'the sealed card does not hold a card');
    } finally {
      plain.fill(0);
    }
  }
}

export { wipeCard } from '../card/clear-card';
