import { toBase64 } from '../signed-note';
import { decodeBase64 } from './dsse';

/**
 * An Ed25519 public key as SPKI PEM (RFC 8410): what `openssl pkey -pubin` and every crypto
 * library read. The DER is a fixed 12-byte prefix and the raw 32-byte key.
 */
const SPKI_PREFIX = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export const ed25519PublicKeyPem = (publicKey: Uint8Array): string => {
  if (publicKey.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  const der = new Uint8Array(SPKI_PREFIX.length + 32);
  der.set(SPKI_PREFIX);
  der.set(publicKey, SPKI_PREFIX.length);
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
};

/** The raw 32-byte key from an Ed25519 SPKI PEM; null for anything else. */
export const parseEd25519PublicKeyPem = (pem: string): Uint8Array | null => {
  const m = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END PUBLIC KEY-----\r?\n?$/.exec(pem.trim() + '\n');
  if (!m) return null;
  const der = decodeBase64((m[1] ?? '').replace(/[\r\n]/g, ''));
  if (!der || der.length !== SPKI_PREFIX.length + 32) return null;
  for (let i = 0; i < SPKI_PREFIX.length; i++) if (der[i] !== SPKI_PREFIX[i]) return null;
  return der.slice(SPKI_PREFIX.length);
};
