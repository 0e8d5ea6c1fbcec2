import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, and the C2SP
 * tlog-checkpoint body (https://c2sp.org/tlog-checkpoint) the device signs over its audit log.
 * The same format as Go's golang.org/x/mod/sumdb/note, so standard tools verify our checkpoints.
 *
 *   <text, one or more lines, each ending in \n>
 *   \n
 *   — <key name> <base64(key hash (4 bytes, big-endian) ‖ signature)>\n
 *
 * Key hash = first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ raw 32-byte public key); the
 * signature (type 0x01, Ed25519) is over the text, final newline included.
 */
export const ED25519_TYPE = 0x01;
const DASH = '\u2014 ';

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export const toBase64 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

/** Strict standard base64 (padding required, no whitespace); null when it is not. */
export const fromBase64 = (text: string): Uint8Array | null => {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};

/** A key name: non-empty, no whitespace, no '+' (C2SP signed-note). */
export const isKeyName = (name: string): boolean => name.length > 0 && !/[\s+]/u.test(name);

export const keyHash = (name: string, publicKey: Uint8Array): number => {
  const h = sha256(concat(utf8ToBytes(name), new Uint8Array([0x0a, ED25519_TYPE]), publicKey));
  return (((h[0] ?? 0) << 24) | ((h[1] ?? 0) << 16) | ((h[2] ?? 0) << 8) | (h[3] ?? 0)) >>> 0;
};

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** The verifier key others use to check our notes: `<name>+<key hash hex>+<base64(0x01 ‖ public key)>`. */
export const verifierKey = (name: string, publicKey: Uint8Array): string =>
  `${name}+${hex8(keyHash(name, publicKey))}+${toBase64(concat(new Uint8Array([ED25519_TYPE]), publicKey))}`;

export interface NoteVerifier {
  name: string;
  publicKey: Uint8Array;
}

/** Parses a verifier key, checking its type and that its hash matches; null when malformed. */
export const parseVerifierKey = (vkey: string): NoteVerifier | null => {
  // The base64 key may itself contain '+': only the first two separate fields.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!m) return null;
  const [, name = '', hash = '', key = ''] = m;
  const raw = fromBase64(key);
  if (!raw || raw.length !== 33 || raw[0] !== ED25519_TYPE) return null;
  const publicKey = raw.slice(1);
  return hex8(keyHash(name, publicKey)) === hash ? { name, publicKey } : null;
};

const hasControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return true;
  }
  return false;
};

const isNoteText = (text: string): boolean => text.length > 0 && text.endsWith('\n') && !text.includes('\n\n') && !hasControl(text);

/** Signs `text` as a note with one signature. `seed` is the 32-byte Ed25519 private key. */
export const signNote = (text: string, name: string, seed: Uint8Array): string => {
  if (!isNoteText(text)) throw new RangeError('a note text is non-empty lines, each ending in a newline, with no blank line');
  if (!isKeyName(name)) throw new RangeError('a key name has no spaces and no +');
  const publicKey = ed25519.getPublicKey(seed);
  const sig = ed25519.sign(utf8ToBytes(text), seed);
  const hash = keyHash(name, publicKey);
  const prefix = new Uint8Array([hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff]);
  return `${text}\n${DASH}${name} ${toBase64(concat(prefix, sig))}\n`;
};

export type NoteProblem = 'malformed' | 'unknown-key' | 'bad-signature';

export type OpenedNote = { ok: true; text: string } | { ok: false; problem: NoteProblem; text: string | null };

/**
 * Opens a signed note with one trusted key: the text when a signature line from that key
 * verifies. Signatures from other keys are ignored (a note may carry witnesses' cosignatures).
 */
export const openNote = (note: string, verifier: NoteVerifier): OpenedNote => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, problem: 'malformed', text: null };
  const text = note.slice(0, split + 1);
  if (!isNoteText(text)) return { ok: false, problem: 'malformed', text: null };
  const lines = note.slice(split + 2, -1).split('\n');
  const wantHash = keyHash(verifier.name, verifier.publicKey);
  let sawOurs = false;
  for (const line of lines) {
    if (!line.startsWith(DASH)) return { ok: false, problem: 'malformed', text };
    const [name, b64, extra] = line.slice(DASH.length).split(' ');
    const raw = b64 === undefined ? null : fromBase64(b64);
    if (!name || !isKeyName(name) || extra !== undefined || !raw || raw.length < 5) return { ok: false, problem: 'malformed', text };
    const hash = (((raw[0] ?? 0) << 24) | ((raw[1] ?? 0) << 16) | ((raw[2] ?? 0) << 8) | (raw[3] ?? 0)) >>> 0;
    if (name !== verifier.name || hash !== wantHash) continue;
    sawOurs = true;
    const sig = raw.slice(4);
    if (sig.length === 64 && ed25519.verify(sig, utf8ToBytes(text), verifier.publicKey)) return { ok: true, text };
  }
  return { ok: false, problem: sawOurs ? 'bad-signature' : 'unknown-key', text };
};

/** A C2SP tlog-checkpoint body: origin, tree size, root hash (and no extension lines here). */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

export const formatCheckpoint = (c: Checkpoint): string => {
  if (!c.origin || c.origin.includes('\n')) throw new RangeError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new RangeError('checkpoint size must be a non-negative integer');
  if (c.rootHash.length !== 32) throw new RangeError('checkpoint root hash must be 32 bytes');
  return `${c.origin}\n${c.size}\n${toBase64(c.rootHash)}\n`;
};

/** Parses a checkpoint body (extension lines allowed and ignored); null when malformed. */
export const parseCheckpoint = (text: string): Checkpoint | null => {
  if (!isNoteText(text)) return null;
  const [origin, size, root] = text.split('\n');
  if (!origin || !size || !root || !/^(0|[1-9][0-9]{0,15})$/.test(size)) return null;
  const rootHash = fromBase64(root);
  const n = Number(size);
  if (!rootHash || rootHash.length !== 32 || !Number.isSafeInteger(n)) return null;
  return { origin, size: n, rootHash };
};
