import { describe, expect, it } from 'vitest';
import { Iso8583Error } from './errors';
import { DES_AVAILABLE, TEST_TMK, hmacSha256Mac, keyCheckValue, packWorkingKeys, randomKey, tdesEcb, unionPayEcbMac, unpackWorkingKeys, xorBlocks } from './mac';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

/**
 * The worked example in "MAC算法演示" (https://blog.youkuaiyun.com/zhu244912654/article/details/80005341):
 * its MAB, terminal master key, and the MAC key (TAK) in encrypted and clear form.
 */
const PUBLISHED = {
  mab: '0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001',
  tmk: '70F2A84CCBC2AE8625CBB0F2C22AB923',
  takEncrypted: '96D605EA176B7E9E',
  takClear: 'C24A8FB57AA20123',
};

describe('UnionPay ECB MAC', () => {
  it('has DES in this Node build (else the HMAC stand-in is used)', () => {
    expect(DES_AVAILABLE).toBe(true);
  });

  it('decrypts the published TAK under the published TMK (double-length 3DES, ECB)', () => {
    expect(hex(tdesEcb(bytes(PUBLISHED.tmk), bytes(PUBLISHED.takEncrypted), true))).toBe(PUBLISHED.takClear);
  });

  it('XORs the published MAB block by block as the example shows', () => {
    const mab = bytes(PUBLISHED.mab);
    expect(hex(xorBlocks(mab.subarray(0, 16)))).toBe('9A11302004C020C0');
    expect(hex(xorBlocks(mab.subarray(0, 24)))).toBe('9A1161201CF422D0');
    expect(hex(xorBlocks(mab.subarray(0, 32)))).toBe('9A1753638ED222D9');
  });

  it('zero-pads the last block', () => {
    expect(hex(xorBlocks(bytes('0102')))).toBe('0102000000000000');
    expect(hex(xorBlocks(bytes('0102030405060708')))).toBe('0102030405060708');
  });

  it('gives 8 upper-case hex characters as ASCII, as the published trace carries them', () => {
    const mac = unionPayEcbMac.compute(bytes(PUBLISHED.takClear), bytes(PUBLISHED.mab));
    expect(Buffer.from(mac).toString('latin1')).toMatch(/^[0-9A-F]{8}$/);
  });

  it('changes when any byte of the MAB changes, and depends on the key', () => {
    const key = bytes(PUBLISHED.takClear);
    const mab = bytes(PUBLISHED.mab);
    const mac = hex(unionPayEcbMac.compute(key, mab));
    const edited = mab.slice();
    edited[20] = (edited[20] ?? 0) ^ 0x01;
    expect(hex(unionPayEcbMac.compute(key, edited))).not.toBe(mac);
    expect(hex(unionPayEcbMac.compute(randomKey(), mab))).not.toBe(mac);
  });

  it('treats an 8-byte key as single DES (3DES with K1 = K2 = K3)', () => {
    const k = bytes('0123456789ABCDEF');
    expect(hex(tdesEcb(k, bytes('4E6F772069732074')))).toBe(hex(tdesEcb(bytes('0123456789ABCDEF0123456789ABCDEF'), bytes('4E6F772069732074'))));
    // FIPS 81 / the classic DES test: "Now is t" under 0123456789ABCDEF
    expect(hex(tdesEcb(k, bytes('4E6F772069732074')))).toBe('3FA40E8A984D4815');
  });

  it('offers an HMAC-SHA256 stand-in of the same size', () => {
    expect(hmacSha256Mac.compute(randomKey(), bytes('00'))).toHaveLength(8);
  });
});

describe('working keys on sign-on (field 62)', () => {
  it('round-trips the MAC key under the master key, checked by its check value', () => {
    const mak = randomKey();
    const field62 = packWorkingKeys(TEST_TMK, randomKey(), mak);
    expect(field62).toHaveLength(40);
    expect(hex(unpackWorkingKeys(TEST_TMK, field62).mak)).toBe(hex(mak));
    expect(hex(keyCheckValue(mak))).toBe(hex(field62.subarray(36, 40)));
  });

  it('refuses keys sent under another master key', () => {
    const field62 = packWorkingKeys(randomKey(), randomKey(), randomKey());
    try {
      unpackWorkingKeys(TEST_TMK, field62);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Iso8583Error);
      expect((error as Iso8583Error).reason).toBe('mac-mismatch');
    }
  });
});
