import { hmacSha256Hex } from '../../shared/domain/hash';
import type { MaskedCard } from '../../shared/domain/card/masked';

/** Name of the device secret (32 random bytes, held by main) that keys card fingerprints. */
export const FINGERPRINT_SECRET = 'card-fingerprint';
export const FINGERPRINT_KEY_BYTES = 32;

/**
 * Keyed fingerprint for duplicate-charge detection (RULES 4): HMAC-SHA256 under the device
 * secret, never a plain hash — a plain SHA-256 of a 16-digit PAN with a known BIN can be
 * brute-forced in minutes, and it would correlate with any other system's hash.
 */
export const panFingerprint = (key: Uint8Array, pan: string): string => hmacSha256Hex(key, pan);

/**
 * An encrypting reader shows only a masked PAN. Its fingerprint is keyed over what is visible
 * (prefix, last four, length, expiry) in a separate domain, so it can never equal a PAN fingerprint;
 * two different cards can share it, which only costs a duplicate-charge question.
 */
export const maskedFingerprint = (key: Uint8Array, m: MaskedCard): string =>
  hmacSha256Hex(key, `masked:${m.panPrefix}:${m.last4}:${m.panLength}:${m.expiry ? `${m.expiry.year}-${m.expiry.month}` : '-'}`);
