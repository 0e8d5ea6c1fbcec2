/**
 * The smallest POSIX ustar writer and reader the backup needs (the inner layout of a backup,
 * README "Backups"): regular files only, names up to 100 bytes, sizes known before each entry.
 * `tar -x` and every standard tool read what this writes. The reader is incremental: it is fed
 * decrypted bytes as they arrive and gives back whole entries, never the whole archive.
 */
const BLOCK = 512;
const encoder = new TextEncoder();

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** The header block of one regular file. */
export const tarHeader = (name: string, size: number, mtimeSeconds: number): Uint8Array => {
  const nameBytes = encoder.encode(name);
  if (nameBytes.length > 100) throw new TarFormatError(`tar entry name too long: ${name}`);
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string): void => h.set(encoder.encode(text), offset);
  h.set(nameBytes, 0);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(Math.floor(mtimeSeconds), 12));
  put(148, '        ');
  put(156, '0');
  put(257, 'ustar\0');
  put(263, '00');
  let sum = 0;
  for (const b of h) sum += b;
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
};

/** Zero bytes that round an entry of `size` bytes up to a whole block. */
export const tarPadding = (size: number): Uint8Array => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** The two zero blocks that end an archive. */
export const tarEnd = (): Uint8Array => new Uint8Array(BLOCK * 2);

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const readOctal = (bytes: Uint8Array): number => {
  const text = new TextDecoder().decode(bytes).replace(/\0.*$/s, '').trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('a tar header holds a malformed number');
  return parseInt(text, 8);
};

/**
 * Incremental reader: `push` decrypted bytes, take the completed entries. `ended` is true after
 * the end-of-archive blocks; anything but zero blocks after them is an error. Entries larger
 * than `maxEntry` bytes are refused (a backup's parts are small; a huge one is a damaged file).
 */
export class TarReader {
  private buffer = new Uint8Array(0);
  private zeroBlocks = 0;
  ended = false;

  constructor(private readonly maxEntry = 64 * 1024 * 1024) {}

  push(bytes: Uint8Array): TarEntry[] {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer, 0);
    joined.set(bytes, this.buffer.length);
    let at = 0;
    const out: TarEntry[] = [];
    while (joined.length - at >= BLOCK) {
      const header = joined.subarray(at, at + BLOCK);
      if (header.every((b) => b === 0)) {
        this.zeroBlocks += 1;
        if (this.zeroBlocks >= 2) this.ended = true;
        at += BLOCK;
        continue;
      }
      if (this.ended || this.zeroBlocks > 0) throw new TarFormatError('data after the end of the archive');
      if (new TextDecoder().decode(header.subarray(257, 262)) !== 'ustar') throw new TarFormatError('not a ustar archive');
      const stored = readOctal(header.subarray(148, 156));
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
      if (sum !== stored) throw new TarFormatError('a tar header checksum does not match');
      const size = readOctal(header.subarray(124, 136));
      if (size > this.maxEntry) throw new TarFormatError(`a tar entry of ${size} bytes is larger than any part of a backup`);
      const total = BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (joined.length - at < total) break;
      const name = new TextDecoder().decode(header.subarray(0, 100)).replace(/\0.*$/s, '');
      out.push({ name, data: joined.slice(at + BLOCK, at + BLOCK + size) });
      at += total;
    }
    this.buffer = joined.slice(at);
    return out;
  }

  /** True when the archive ended cleanly with nothing left over. */
  complete(): boolean {
    return this.ended && this.buffer.length === 0;
  }
}
