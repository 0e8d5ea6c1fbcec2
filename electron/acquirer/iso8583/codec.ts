import { packBcd, readBcdLength, unpackBcd, writeBcdLength } from './bcd';
import { buildBitmap, readBitmap } from './bitmap';
import { Iso8583Error } from './errors';
import { UNIONPAY_POS_FIELDS, alignOf } from './field-specs';
import type { FieldSpec, FieldSpecTable } from './field-specs';

/**
 * The message body: MTI (2 bytes BCD), bitmap(s), then each present field in ascending order in
 * its spec's format. Framing (length, TPDU, header) is framing.ts; the MAC is mac.ts.
 * Values are strings for n / z / an / ans and bytes for b.
 */
export type FieldValue = string | Uint8Array;

export interface IsoMessage {
  mti: string;
  fields: ReadonlyMap<number, FieldValue>;
}

const AN = /^[0-9A-Za-z ]*$/;
const isAnsByte = (b: number): boolean => (b >= 0x20 && b <= 0x7e) || (b >= 0x80 && b <= 0xfe);

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const digitsOnly = (spec: FieldSpec, value: string): void => {
  const ok = spec.type === 'z' ? /^[0-9=D]*$/.test(value) : /^[0-9]*$/.test(value);
  if (!ok) throw new Iso8583Error('bad-value', spec.type === 'z' ? 'not track data' : 'not digits', spec.field);
};

const textBytes = (spec: FieldSpec, value: string): Uint8Array => {
  if (spec.type === 'an' && !AN.test(value)) throw new Iso8583Error('bad-value', 'not alphanumeric', spec.field);
  const bytes = Buffer.from(value, 'latin1');
  if (bytes.toString('latin1') !== value || !bytes.every(isAnsByte)) throw new Iso8583Error('bad-value', 'not printable', spec.field);
  return bytes;
};

const encodeField = (spec: FieldSpec, value: FieldValue): Uint8Array => {
  if ((spec.type === 'b') !== value instanceof Uint8Array) throw new Iso8583Error('bad-value', spec.type === 'b' ? 'expected bytes' : 'expected text', spec.field);
  const count = value.length;
  if (spec.length === 'fixed' ? count !== spec.max : count > spec.max) {
    throw new Iso8583Error('bad-value', `length ${count}, spec ${spec.length === 'fixed' ? '' : 'up to '}${spec.max}`, spec.field);
  }
  let body: Uint8Array;
  if (value instanceof Uint8Array) body = value;
  else if (spec.type === 'n' || spec.type === 'z') {
    digitsOnly(spec, value);
    body = packBcd(value, alignOf(spec), spec.type === 'z');
  } else body = textBytes(spec, value);
  if (spec.length === 'fixed') return body;
  return concat([writeBcdLength(count, spec.length === 'llvar' ? 1 : 2), body]);
};

export const encodeMessage = (message: IsoMessage, specs: FieldSpecTable = UNIONPAY_POS_FIELDS): Uint8Array => {
  if (!/^\d{4}$/.test(message.mti)) throw new Iso8583Error('bad-mti', `MTI ${JSON.stringify(message.mti)} is not four digits`);
  const numbers = [...message.fields.keys()].sort((a, b) => a - b);
  const parts: Uint8Array[] = [packBcd(message.mti, 'right'), buildBitmap(numbers)];
  for (const n of numbers) {
    const spec = specs.get(n);
    if (!spec) throw new Iso8583Error('unknown-field', 'no spec for this field', n);
    parts.push(encodeField(spec, message.fields.get(n) as FieldValue));
  }
  return concat(parts);
};

const decodeField = (spec: FieldSpec, bytes: Uint8Array, offset: number): { value: FieldValue; next: number } => {
  let at = offset;
  const need = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw new Iso8583Error('truncated', `needs ${n} bytes at ${at}, ${bytes.length - at} left`, spec.field, at);
    const slice = bytes.subarray(at, at + n);
    at += n;
    return slice;
  };
  let count = spec.max;
  if (spec.length !== 'fixed') {
    const prefixAt = at;
    count = readBcdLength(need(spec.length === 'llvar' ? 1 : 2), spec.field, prefixAt);
    if (count > spec.max) throw new Iso8583Error('length-over-max', `length ${count} over ${spec.max}`, spec.field, prefixAt);
  }
  const valueAt = at;
  if (spec.type === 'b') return { value: need(count).slice(), next: at };
  if (spec.type === 'n' || spec.type === 'z') {
    const raw = need(Math.ceil(count / 2));
    return { value: unpackBcd(raw, count, alignOf(spec), spec.type === 'z', spec.field, valueAt), next: at };
  }
  const raw = need(count);
  const bad = raw.findIndex((b) => (spec.type === 'an' ? !AN.test(String.fromCharCode(b)) : !isAnsByte(b)));
  if (bad >= 0) throw new Iso8583Error('bad-charset', `byte 0x${(raw[bad] ?? 0).toString(16)} not allowed in ${spec.type}`, spec.field, valueAt + bad);
  return { value: Buffer.from(raw).toString('latin1'), next: at };
};

/** Decodes a message body. Throws only Iso8583Error, each with a named reason. */
export const decodeMessage = (bytes: Uint8Array, specs: FieldSpecTable = UNIONPAY_POS_FIELDS): IsoMessage => {
  if (bytes.length < 2) throw new Iso8583Error('truncated', 'no MTI', null, 0);
  let mti: string;
  try {
    mti = unpackBcd(bytes.subarray(0, 2), 4, 'right');
  } catch {
    throw new Iso8583Error('bad-mti', `MTI bytes ${Buffer.from(bytes.subarray(0, 2)).toString('hex')} are not BCD`, null, 0);
  }
  const { fields: numbers, length } = readBitmap(bytes, 2);
  let at = 2 + length;
  const fields = new Map<number, FieldValue>();
  for (const n of numbers) {
    const spec = specs.get(n);
    if (!spec) throw new Iso8583Error('unknown-field', 'field not in the spec table', n, at);
    const { value, next } = decodeField(spec, bytes, at);
    fields.set(n, value);
    at = next;
  }
  if (at !== bytes.length) throw new Iso8583Error('trailing-bytes', `${bytes.length - at} bytes after the last field`, null, at);
  return { mti, fields };
};

/** Decodes without throwing: the message, or the named reason it was refused. */
export const tryDecodeMessage = (bytes: Uint8Array, specs: FieldSpecTable = UNIONPAY_POS_FIELDS): { ok: true; message: IsoMessage } | { ok: false; error: Iso8583Error } => {
  try {
    return { ok: true, message: decodeMessage(bytes, specs) };
  } catch (error) {
    if (error instanceof Iso8583Error) return { ok: false, error };
    throw error;
  }
};

/** Field as text ('' when absent; b fields as hex). */
export const text = (message: IsoMessage, field: number): string => {
  const v = message.fields.get(field);
  if (v === undefined) return '';
  return typeof v === 'string' ? v : Buffer.from(v).toString('hex');
};

export const bytesOf = (message: IsoMessage, field: number): Uint8Array | null => {
  const v = message.fields.get(field);
  return v instanceof Uint8Array ? v : null;
};
