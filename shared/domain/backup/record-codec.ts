import { fromBase64, toBase64 } from '../signed-note';

/**
 * One IndexedDB record as one NDJSON line. JSON has no bytes: a Uint8Array becomes
 * `{"$bytes":"<base64>"}`, a Blob (attachments) `{"$blob":"<base64>","type":"<mime>"}` (its
 * bytes read before encoding, see `prepareRecord`). Nothing else in the records needs a tag;
 * a record holding a key that starts with `$` is refused rather than mis-read later.
 */
export class RecordCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordCodecError';
  }
}

interface BlobBytes {
  $blob: string;
  type: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Replaces every Blob with its tagged bytes (async: a Blob's bytes are read once here). */
export const prepareRecord = async (value: unknown): Promise<unknown> => {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return { $blob: toBase64(new Uint8Array(await value.arrayBuffer())), type: value.type } satisfies BlobBytes;
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (value instanceof ArrayBuffer) return { $bytes: toBase64(new Uint8Array(value)) };
  if (Array.isArray(value)) return Promise.all(value.map(prepareRecord));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) throw new RecordCodecError(`a record field is named ${k}`);
      out[k] = await prepareRecord(v);
    }
    return out;
  }
  return value;
};

/** Whether a record needs the async pass (holds a Blob, bytes or a Date anywhere). */
export const needsPreparing = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  if ((typeof Blob !== 'undefined' && value instanceof Blob) || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  return Object.values(value).some(needsPreparing);
};

/** Rebuilds a record from its parsed line: tagged bytes back into Uint8Array or Blob. */
export const reviveRecord = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reviveRecord);
  if (!isPlainObject(value)) return value;
  if (typeof value.$bytes === 'string') {
    const bytes = fromBase64(value.$bytes);
    if (!bytes) throw new RecordCodecError('a $bytes value is not base64');
    return bytes;
  }
  if (typeof value.$blob === 'string') {
    const bytes = fromBase64(value.$blob);
    if (!bytes) throw new RecordCodecError('a $blob value is not base64');
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: typeof value.type === 'string' ? value.type : '' });
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = reviveRecord(v);
  return out;
};

/** Splits an NDJSON part into its records, each revived; a malformed line names its number. */
export const parseLines = (text: string): unknown[] => {
  const lines = text.split('\n');
  if (lines[lines.length - 1] !== '') throw new RecordCodecError('an NDJSON part does not end with a newline');
  lines.pop();
  return lines.map((line, i) => {
    try {
      return reviveRecord(JSON.parse(line));
    } catch (error) {
      if (error instanceof RecordCodecError) throw error;
      throw new RecordCodecError(`line ${i + 1} is not JSON`);
    }
  });
};
