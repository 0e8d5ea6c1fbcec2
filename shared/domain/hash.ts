import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Synchronous hashing. IndexedDB transactions commit as soon as they await anything that is
 * not IndexedDB, so hashing inside a Dexie transaction (audit chain, digests) must not be
 * WebCrypto's async digest.
 */
export const sha256Hex = (data: string | Uint8Array): string =>
  bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));

export const hmacSha256Hex = (key: Uint8Array, data: string | Uint8Array): string =>
  bytesToHex(hmac(sha256, key, typeof data === 'string' ? utf8ToBytes(data) : data));

export { bytesToHex, utf8ToBytes };
