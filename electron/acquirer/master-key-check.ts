import type { MasterKeyErrorReason } from '../../shared/ipc/commands/acquirer';
import { TEST_TMK, keyCheckValue } from './iso8583/mac';

/**
 * What a typed terminal master key (TMK) must pass before it is stored. The acquirer's engineer
 * types it as hex from the key sheet, usually with its key check value (KCV) to confirm.
 *
 * - Length: 32 hex digits (double-length 3DES, what UnionPay POS terminals get) or 16 (a legacy
 *   single-length DES key, which `tdesEcb` runs as K1 = K2 = K3). 48 digits (triple-length) are
 *   refused: no UnionPay POS key sheet has them, so 48 digits are far likelier a paste of two
 *   things than a key. Spaces and hyphens between groups are ignored.
 * - Weak keys: all one byte (all zero included), a DES weak or semi-weak half, a double-length
 *   key whose halves are equal (that is single DES), and the built-in test key. Parity bits are
 *   ignored for every comparison and never enforced (many key sheets do not keep odd parity).
 * - KCV: 3DES of a zero block under the key; shown as its first 3 bytes (6 hex digits, the usual
 *   key-sheet form). An expected KCV may be typed with 6 or 8 digits; all typed digits must match.
 */
export type MasterKeyFailure = MasterKeyErrorReason;

export class MasterKeyError extends Error {
  constructor(
    readonly reason: MasterKeyFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** Hex digits shown for a KCV everywhere (status, audit, logs): the first 3 bytes. */
export const KCV_HEX_DIGITS = 6;

const SEPARATORS = /[\s-]/g;

const withoutParity = (bytes: Uint8Array): string => Buffer.from(bytes.map((b) => b & 0xfe)).toString('hex');

/** DES weak and semi-weak keys (FIPS 74 / NIST SP 800-67), parity bits included as published. */
const WEAK_HALVES = [
  '0101010101010101', 'FEFEFEFEFEFEFEFE', 'E0E0E0E0F1F1F1F1', '1F1F1F1F0E0E0E0E',
  '01FE01FE01FE01FE', 'FE01FE01FE01FE01', '1FE01FE00EF10EF1', 'E01FE01FF10EF10E',
  '01E001E001F101F1', 'E001E001F101F101', '1FFE1FFE0EFE0EFE', 'FE1FFE1FFE0EFE0E',
  '011F011F010E010E', '1F011F010E010E01', 'E0FEE0FEF1FEF1FE', 'FEE0FEE0FEF1FEF1',
].map((hex) => withoutParity(Buffer.from(hex, 'hex')));

/** The KCV of a key as shown: 6 upper-case hex digits. */
export const kcvOf = (key: Uint8Array): string => Buffer.from(keyCheckValue(key)).toString('hex').slice(0, KCV_HEX_DIGITS).toUpperCase();

/** The key's bytes from what was typed; throws MasterKeyError with a reason the renderer translates. */
export const parseMasterKey = (typed: string): Uint8Array => {
  const hex = typed.replace(SEPARATORS, '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new MasterKeyError('master-key-format', 'the master key must be hex digits (0-9, A-F)');
  if (hex.length !== 16 && hex.length !== 32) throw new MasterKeyError('master-key-format', `the master key has ${hex.length} hex digits, expected 32 (or 16 for a single-length key)`);
  const key = new Uint8Array(Buffer.from(hex, 'hex'));
  const weak = weakness(key);
  if (weak) {
    key.fill(0);
    throw new MasterKeyError(weak === 'test' ? 'master-key-is-test' : 'master-key-weak', weak === 'test' ? 'this is the built-in test key, not a terminal master key' : `the master key is weak: ${weak}`);
  }
  return key;
};

const weakness = (key: Uint8Array): string | null => {
  if (key.every((b) => b === key[0])) return 'one byte repeated';
  const halves = key.length === 16 ? [key.subarray(0, 8), key.subarray(8, 16)] : [key];
  if (halves.some((h) => WEAK_HALVES.includes(withoutParity(h)))) return 'a DES weak or semi-weak key';
  const [k1, k2] = halves;
  if (k1 && k2 && withoutParity(k1) === withoutParity(k2)) return 'both halves are equal (single DES)';
  if (withoutParity(key) === withoutParity(TEST_TMK)) return 'test';
  return null;
};

/** Normalises a typed KCV (6 or 8 hex digits, separators ignored) to upper case. */
export const parseKcv = (typed: string): string => {
  const hex = typed.replace(SEPARATORS, '').toUpperCase();
  if (!/^[0-9A-F]{6}([0-9A-F]{2})?$/.test(hex)) throw new MasterKeyError('master-key-kcv-format', `the check value has ${hex.length} characters, expected 6 or 8 hex digits`);
  return hex;
};

/** Throws `master-key-kcv-mismatch` unless the key's KCV starts with every typed digit. */
export const confirmKcv = (key: Uint8Array, expected: string): void => {
  const want = parseKcv(expected);
  const have = Buffer.from(keyCheckValue(key)).toString('hex').toUpperCase();
  // The KCV is public (it is printed on the key sheet), so a plain comparison is fine.
  // Neither value goes into the message: a typed value could be a key typed into the wrong field.
  if (!have.startsWith(want)) throw new MasterKeyError('master-key-kcv-mismatch', "the key's check value differs from the one typed: the key was mistyped, or the check value is another key's");
};
