import { Inflate } from 'fflate';

/**
 * Reads a ZIP through its central directory over random access (a file handle in Node, a
 * Blob in the browser), one entry at a time in chunks, so a large bundle is verified with
 * bounded memory. Stored and deflated entries only; no encryption, no ZIP64, no multi-disk.
 * CRC-32 is not checked: every file of a bag is covered by SHA-256 manifests, and a changed
 * byte is then reported as the digest mismatch it is.
 */
export interface RandomAccess {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const names = new TextDecoder('utf-8', { fatal: false });

export const readZipDirectory = async (src: RandomAccess): Promise<ZipEntry[]> => {
  const tailLength = Math.min(src.size, 22 + MAX_COMMENT);
  if (tailLength < 22) throw new ZipFormatError('the file is too short to be a ZIP');
  const tail = await src.read(src.size - tailLength, tailLength);
  const tv = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end-of-central-directory record: not a ZIP, or cut short');
  const count = tv.getUint16(at + 10, true);
  const cdSize = tv.getUint32(at + 12, true);
  const cdOffset = tv.getUint32(at + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
  if (cdOffset + cdSize > src.size) throw new ZipFormatError('the central directory lies outside the file');
  const cd = await src.read(cdOffset, cdSize);
  const cv = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cv.getUint32(p, true) !== CENTRAL) throw new ZipFormatError(`central directory entry ${n + 1} is damaged`);
    const flags = cv.getUint16(p + 8, true);
    const method = cv.getUint16(p + 10, true);
    const compressedSize = cv.getUint32(p + 20, true);
    const size = cv.getUint32(p + 24, true);
    const nameLength = cv.getUint16(p + 28, true);
    const extraLength = cv.getUint16(p + 30, true);
    const commentLength = cv.getUint16(p + 32, true);
    const localHeaderOffset = cv.getUint32(p + 42, true);
    const name = names.decode(cd.subarray(p + 46, p + 46 + nameLength));
    if (flags & 1) throw new ZipFormatError(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipFormatError(`${name} uses compression method ${method}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

const CHUNK = 256 * 1024;

/** The entry's uncompressed bytes, in chunks. */
export async function* zipEntryChunks(src: RandomAccess, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const header = await src.read(entry.localHeaderOffset, 30);
  const hv = view(header);
  if (header.length < 30 || hv.getUint32(0, true) !== LOCAL) throw new ZipFormatError(`the local header of ${entry.name} is damaged`);
  const start = entry.localHeaderOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > src.size) throw new ZipFormatError(`${entry.name} runs past the end of the file`);
  if (entry.method === 0) {
    for (let at = start; at < end; at += CHUNK) yield await src.read(at, Math.min(CHUNK, end - at));
    return;
  }
  const out: Uint8Array[] = [];
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    out.push(chunk);
    if (final) done = true;
  });
  let produced = 0;
  for (let at = start; at < end; at += CHUNK) {
    const piece = await src.read(at, Math.min(CHUNK, end - at));
    try {
      inflate.push(piece, at + CHUNK >= end);
    } catch (e) {
      throw new ZipFormatError(`${entry.name} does not inflate: ${e instanceof Error ? e.message : String(e)}`);
    }
    while (out.length > 0) {
      const chunk = out.shift() as Uint8Array;
      produced += chunk.length;
      if (produced > entry.size) throw new ZipFormatError(`${entry.name} inflates past its recorded size`);
      yield chunk;
    }
  }
  if (entry.compressedSize === 0) inflate.push(new Uint8Array(0), true);
  if (!done && entry.size > 0) throw new ZipFormatError(`${entry.name} is cut short`);
  if (produced !== entry.size) throw new ZipFormatError(`${entry.name} inflates to ${produced} bytes, not ${entry.size}`);
}

/** A whole entry in memory (small tag files, JSON). */
export const readZipEntry = async (src: RandomAccess, entry: ZipEntry): Promise<Uint8Array> => {
  const out = new Uint8Array(entry.size);
  let at = 0;
  for await (const chunk of zipEntryChunks(src, entry)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};

/** Random access over bytes already in memory (tests, small bundles). */
export const bytesAccess = (bytes: Uint8Array): RandomAccess => ({
  size: bytes.length,
  read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
});

/**
 * Random access over a Blob or File: how the in-app "校验证据包 / Verify a bundle" screen reads
 * a dropped ZIP in the renderer, one slice at a time (nothing goes to main; verifying needs no key).
 */
export const blobAccess = (blob: Blob): RandomAccess => ({
  size: blob.size,
  read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
});
