import { ImportFileError } from './problems';

/**
 * Text encodings of settlement files and bank statements seen in China: UTF-8 (with or without
 * a BOM, from newer portals), GBK/GB18030 (most acquirer and bank downloads), and UTF-16 (Excel's
 * "Unicode text" export, usually little-endian with a BOM). GB18030 is decoded for GBK too: it is
 * a superset. Decoding is strict, so a wrong guess fails instead of producing mojibake.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

const strict = (encoding: TextEncodingName, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** 1-based line of a byte offset (counting LF bytes; right for UTF-8 and GBK, whose LF is one byte). */
const lineAt = (bytes: Uint8Array, offset: number, step = 1): number => {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += step) if (bytes[i] === 0x0a) line++;
  return line;
};

/** UTF-16 without a BOM: ASCII characters (digits, commas, newlines) leave a zero byte in every pair. */
const sniffUtf16 = (bytes: Uint8Array): TextEncodingName | null => {
  const n = Math.min(bytes.length & ~1, 4096);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) even++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
};

/** The first line (1-based) that does not decode strictly in `encoding` (only on the error path). */
const firstBadLine = (encoding: TextEncodingName, bytes: Uint8Array): number => {
  let line = 1;
  let from = 0;
  while (from < bytes.length) {
    let to = bytes.indexOf(0x0a, from);
    if (to < 0) to = bytes.length;
    if (strict(encoding, bytes.subarray(from, to)) === null) return line;
    line++;
    from = to + 1;
  }
  return line;
};

const hasNul = (bytes: Uint8Array): boolean => {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
};

/**
 * Decodes a text file, detecting its encoding: a BOM first; then UTF-16 by its zero bytes; then
 * strict UTF-8; then strict GB18030. Throws ImportFileError: `truncated-character` when only the
 * file's last character is cut, `not-text` for binary, `undecodable` with the row otherwise.
 */
export const decodeText = (bytes: Uint8Array): DecodedText => {
  if (bytes.length === 0) throw new ImportFileError('empty-file');
  const b0 = bytes[0];
  const b1 = bytes[1];
  let encoding: TextEncodingName | null;
  let bom = false;
  let body = bytes;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    bom = true;
    body = bytes.subarray(3);
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = 'utf-16le';
    bom = true;
    body = bytes.subarray(2);
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'utf-16be';
    bom = true;
    body = bytes.subarray(2);
  } else encoding = sniffUtf16(bytes);

  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2 === 1) throw new ImportFileError('truncated-character', lineAt(body, body.length, 2));
    const text = strict(encoding, body);
    if (text === null) throw new ImportFileError('undecodable', null, null, { encoding });
    return { text, encoding, bom };
  }
  if (!bom && hasNul(body)) throw new ImportFileError('not-text');
  const candidates: TextEncodingName[] = bom ? ['utf-8'] : ['utf-8', 'gb18030'];
  for (const candidate of candidates) {
    const text = strict(candidate, body);
    if (text !== null) return { text, encoding: candidate, bom };
    // Cut short: every line but the last decodes, and the last does once its unfinished character goes.
    // Checked before the next candidate: UTF-8 cut mid-character often decodes as GB18030 nonsense.
    if (strict(candidate, body.subarray(0, firstLineEndBefore(body, body.length))) !== null && endsMidCharacter(candidate, body)) {
      throw new ImportFileError('truncated-character', lineAt(body, body.length));
    }
  }
  // Named at the line where the encoding that got furthest fails.
  throw new ImportFileError('undecodable', Math.max(...candidates.map((c) => firstBadLine(c, body))));
};

const firstLineEndBefore = (bytes: Uint8Array, offset: number): number => {
  let i = offset;
  while (i > 0 && bytes[i - 1] !== 0x0a) i--;
  return i;
};

/** The last line decodes once its final 1–3 bytes (an unfinished character) are dropped. */
const endsMidCharacter = (encoding: TextEncodingName, bytes: Uint8Array): boolean => {
  const start = firstLineEndBefore(bytes, bytes.length);
  for (let drop = 1; drop <= 3; drop++) {
    if (bytes.length - drop < start) break;
    if (strict(encoding, bytes.subarray(start, bytes.length - drop)) !== null) return true;
  }
  return false;
};

/** How an encoding is named on screen ("GBK/GB18030" for the Chinese national one). */
export const encodingLabel = (d: Pick<DecodedText, 'encoding' | 'bom'>): string =>
  ({ 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' })[d.encoding] + (d.bom ? ' (BOM)' : '');
