import { createCipheriv, createDecipheriv, createHmac, getCiphers, randomBytes, timingSafeEqual } from 'node:crypto';
import { Iso8583Error } from './errors';

/**
 * The MAC step (field 64), pluggable. The reference is UnionPay's "ECB" MAC
 * (中国银联 POS 终端规范, MAC 算法 / ECB 算法):
 *   1. MAB = the message from MTI to the last field before 64, zero-padded to 8-byte blocks;
 *   2. XOR all blocks into one; 3. write it as 16 upper-case hex characters;
 *   4. DES/3DES-encrypt the first 8 characters with the MAC key; 5. XOR the result with the
 *   last 8 characters; 6. encrypt again; 7. the MAC is the first 8 upper-case hex characters
 *   of that block, sent as 8 ASCII bytes (a published trace ends `38 46 36 35 31 42 32 36`,
 *   "8F651B26"; see test/fixtures/iso8583/README.md).
 * Node's OpenSSL offers des-ede3 (ECB or CBC); single DES is 3DES with K1 = K2 = K3. Where no
 * DES cipher exists (a trimmed crypto build), `hmacSha256Mac` is the documented stand-in:
 * HMAC-SHA256 over the MAB, first 8 bytes. Both ends must use the same algorithm.
 */
export interface MacAlgorithm {
  readonly name: string;
  /** 8 bytes for field 64. */
  compute(key: Uint8Array, mab: Uint8Array): Uint8Array;
}

const ciphers = new Set(getCiphers());
export const DES_AVAILABLE = ciphers.has('des-ede3-ecb') || ciphers.has('des-ede3-cbc');

const tripleKey = (key: Uint8Array): Buffer => {
  if (key.length === 8) return Buffer.concat([key, key, key]);
  if (key.length === 16) return Buffer.concat([key, key.subarray(0, 8)]);
  if (key.length === 24) return Buffer.from(key);
  throw new Iso8583Error('bad-value', `a DES key has 8, 16 or 24 bytes, not ${key.length}`);
};

const cipherName = ciphers.has('des-ede3-ecb') ? 'des-ede3-ecb' : 'des-ede3-cbc';
const ivFor = (): Buffer | null => (cipherName === 'des-ede3-cbc' ? Buffer.alloc(8) : null);

/** DES / 2-key / 3-key 3DES on whole 8-byte blocks, each on its own (ECB). */
export const tdesEcb = (key: Uint8Array, data: Uint8Array, decrypt = false): Uint8Array => {
  if (data.length % 8 !== 0) throw new Iso8583Error('bad-value', 'DES data is not whole blocks');
  const k = tripleKey(key);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 8) {
    // CBC with a zero IV on a single block is ECB, for builds that only offer CBC.
    const c = decrypt ? createDecipheriv(cipherName, k, ivFor()) : createCipheriv(cipherName, k, ivFor());
    c.setAutoPadding(false);
    out.set(Buffer.concat([c.update(data.subarray(i, i + 8)), c.final()]), i);
  }
  return out;
};

const xor8 = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from({ length: 8 }, (_, i) => (a[i] ?? 0) ^ (b[i] ?? 0));
const hexUpper = (b: Uint8Array): Uint8Array => Buffer.from(Buffer.from(b).toString('hex').toUpperCase(), 'latin1');

/** Step 1-2: the MAB's 8-byte blocks (last one zero-padded) XORed into one. */
export const xorBlocks = (mab: Uint8Array): Uint8Array => {
  let acc: Uint8Array = new Uint8Array(8);
  for (let i = 0; i < mab.length; i += 8) {
    const block = new Uint8Array(8);
    block.set(mab.subarray(i, Math.min(i + 8, mab.length)));
    acc = xor8(acc, block);
  }
  return acc;
};

export const unionPayEcbMac: MacAlgorithm = {
  name: 'unionpay-ecb',
  compute(key, mab) {
    const hex = hexUpper(xorBlocks(mab));
    const first = tdesEcb(key, hex.subarray(0, 8));
    const second = tdesEcb(key, xor8(first, hex.subarray(8, 16)));
    return hexUpper(second).subarray(0, 8);
  },
};

export const hmacSha256Mac: MacAlgorithm = {
  name: 'hmac-sha256-8',
  compute: (key, mab) => new Uint8Array(createHmac('sha256', key).update(mab).digest().subarray(0, 8)),
};

export const defaultMacAlgorithm = (): MacAlgorithm => (DES_AVAILABLE ? unionPayEcbMac : hmacSha256Mac);

export const macEquals = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b);

/**
 * Test keys, for the host simulator and tests only (never a production key). A real terminal
 * gets its master key (TMK) loaded by the acquirer; sign-on then delivers the working keys.
 */
export const TEST_TMK = Uint8Array.from(Buffer.from('A1B2C3D4E5F60718293A4B5C6D7E8F90', 'hex'));

/** Key check value: the first 4 bytes of the key encrypting a zero block. */
export const keyCheckValue = (key: Uint8Array): Uint8Array => tdesEcb(key, new Uint8Array(8)).subarray(0, 4);

/**
 * Working keys in the sign-on answer (0810 field 62), after UnionPay's double-length layout:
 * PIK (16 bytes under the TMK) + its check value (4), MAK (16 under the TMK) + its check value (4).
 * This console has no PIN pad, so the PIK is checked and dropped.
 */
export const WORKING_KEYS_LENGTH = 40;

export const packWorkingKeys = (tmk: Uint8Array, pik: Uint8Array, mak: Uint8Array): Uint8Array => {
  const out = new Uint8Array(WORKING_KEYS_LENGTH);
  out.set(tdesEcb(tmk, pik), 0);
  out.set(keyCheckValue(pik), 16);
  out.set(tdesEcb(tmk, mak), 20);
  out.set(keyCheckValue(mak), 36);
  return out;
};

/** The MAK from field 62; throws mac-mismatch when a check value does not match (wrong TMK, damaged keys). */
export const unpackWorkingKeys = (tmk: Uint8Array, field62: Uint8Array): { mak: Uint8Array } => {
  if (field62.length !== WORKING_KEYS_LENGTH) throw new Iso8583Error('bad-value', `working keys have ${field62.length} bytes, expected ${WORKING_KEYS_LENGTH}`, 62);
  const pik = tdesEcb(tmk, field62.subarray(0, 16), true);
  const mak = tdesEcb(tmk, field62.subarray(20, 36), true);
  if (!macEquals(keyCheckValue(pik), field62.subarray(16, 20)) || !macEquals(keyCheckValue(mak), field62.subarray(36, 40))) {
    throw new Iso8583Error('mac-mismatch', 'working key check value does not match', 62);
  }
  pik.fill(0);
  return { mak };
};

export const randomKey = (): Uint8Array => new Uint8Array(randomBytes(16));
