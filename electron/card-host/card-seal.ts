import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ClearCard } from '../card/clear-card';

/**
 * Offline sales keep their card only sealed (RULES 2): AES-256-GCM under a key held by main
 * (safeStorage on the desktop, a user-only key file in the browser host). The blob is opaque
 * base64 to the renderer; tampering fails authentication.
 */
const VERSION = 1;

export class SealError extends Error {
  constructor(readonly reason: 'malformed' | 'tampered') {
    super(`sealed card ${reason}`);
    this.name = 'SealError';
  }
}

export const sealCard = (key: Uint8Array, card: ClearCard): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(card), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64');
};

export const unsealCard = (key: Uint8Array, sealed: string): ClearCard => {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 1 + 12 + 16 + 2 || raw[0] !== VERSION) throw new SealError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13));
  decipher.setAuthTag(raw.subarray(13, 29));
  try {
    const text = Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as ClearCard;
  } catch {
    throw new SealError('tampered');
  }
};
