import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash';
import { openZipBundle, readAll } from './bundle-reader';
import { verifyBundle } from './verify-bundle';
import { ZipFormatError, blobAccess, bytesAccess, readZipDirectory } from './zip-reader';

const enc = new TextEncoder();
const big = enc.encode('0123456789abcdef'.repeat(64 * 1024));

describe('reading a bundle ZIP through its central directory', () => {
  it('reads stored and deflated entries, UTF-8 names and files larger than one read chunk', async () => {
    const zip = zipSync({ 'bagit.txt': [enc.encode('BagIt-Version: 1.0\n'), { level: 0 }], 'data/报告.txt': enc.encode('中文'), 'data/big.bin': [big, { level: 6 }], 'data/': new Uint8Array(0) });
    const bundle = await openZipBundle(bytesAccess(zip));
    expect([...bundle.names].sort()).toEqual(['bagit.txt', 'data/big.bin', 'data/报告.txt']);
    expect(new TextDecoder().decode(await readAll(bundle, 'data/报告.txt'))).toBe('中文');
    expect(sha256Hex(await readAll(bundle, 'data/big.bin'))).toBe(sha256Hex(big));
    expect(new TextDecoder().decode(await readAll(bundle, 'bagit.txt'))).toBe('BagIt-Version: 1.0\n');
    const fromBlob = await openZipBundle(blobAccess(new Blob([zip])));
    expect(sha256Hex(await readAll(fromBlob, 'data/big.bin'))).toBe(sha256Hex(big));
  });

  it('refuses what is not a ZIP, a cut-off ZIP and a damaged deflate stream, with a reason', async () => {
    await expect(readZipDirectory(bytesAccess(enc.encode('not a zip at all, just text')))).rejects.toBeInstanceOf(ZipFormatError);
    const zip = zipSync({ 'a.txt': [big, { level: 6 }] });
    await expect(readZipDirectory(bytesAccess(zip.slice(0, zip.length - 10)))).rejects.toThrow(/end-of-central-directory|outside/);
    const damaged = zip.slice();
    for (let i = 60; i < 200; i++) damaged[i] = 0xff;
    const bundle = await openZipBundle(bytesAccess(damaged));
    await expect(readAll(bundle, 'a.txt')).rejects.toBeInstanceOf(ZipFormatError);
  });

  it('lists a name stored twice, so the verifier can refuse the bag', async () => {
    const one = zipSync({ 'x.txt': enc.encode('1') });
    // Two local files and two directory entries for the same name, built by hand from one entry.
    const eocd = one.length - 22;
    const cdOffset = new DataView(one.buffer).getUint32(eocd + 16, true);
    const local = one.slice(0, cdOffset);
    const central = one.slice(cdOffset, eocd);
    const central2 = central.slice();
    new DataView(central2.buffer).setUint32(42, local.length, true);
    const end = one.slice(eocd);
    const dv = new DataView(end.buffer);
    dv.setUint16(8, 2, true);
    dv.setUint16(10, 2, true);
    dv.setUint32(12, central.length * 2, true);
    dv.setUint32(16, local.length * 2, true);
    const twice = new Uint8Array([...local, ...local, ...central, ...central2, ...end]);
    expect((await openZipBundle(bytesAccess(twice))).duplicates).toEqual(['x.txt']);
    const report = await verifyBundle(await openZipBundle(bytesAccess(twice)));
    expect(report.failures).toContainEqual({ code: 'BAG_INVALID', file: 'x.txt', message: 'the ZIP holds this file more than once' });
  });
});
