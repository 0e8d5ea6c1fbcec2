import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

/**
 * SHA-256 of an audit entry's canonical JSON (every field but `hash` and the stored tree
 * nodes), written for speed: verifying a million entries hashes a million of them. For the
 * usual shape the canonical text is assembled in its known key order (RFC 8785 order: keys
 * sorted by UTF-16 code units) instead of sorting keys per entry; anything unusual (an extra
 * field, a missing one, a non-string where a string belongs) takes the generic path, so the
 * bytes hashed are always exactly `canonicalJson(entry without hash and tree)`.
 */
const KNOWN = new Set(['seq', 'id', 'at', 'actor', 'action', 'objectType', 'objectId', 'result', 'device', 'detail', 'prevHash', 'hash', 'tree']);
/** Fields outside the hash: the hash itself, and the Merkle nodes derived from hashes. */
export const UNHASHED_FIELDS = ['hash', 'tree'] as const;

const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);

const encode = (text: string): Uint8Array => {
  // UTF-8 needs at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3 + 1024);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
};

type EntryLike = Record<string, unknown>;

const isUsual = (e: EntryLike): boolean => {
  let n = 0;
  for (const key in e) {
    if (!KNOWN.has(key)) return false;
    if (e[key] !== undefined) n += 1;
  }
  const fixed = ['id', 'at', 'actor', 'action', 'objectType', 'objectId', 'result', 'device', 'prevHash'];
  for (const k of fixed) if (typeof e[k] !== 'string') return false;
  return n >= 11 && typeof e.seq === 'number' && Number.isFinite(e.seq) && typeof e.detail === 'object' && e.detail !== null && !Array.isArray(e.detail);
};

const q = JSON.stringify;

/** The canonical JSON that is hashed: every field but `hash` and `tree`. */
export const canonicalEntryText = (e: EntryLike): string => {
  if (!isUsual(e)) {
    const rest: EntryLike = {};
    for (const key of Object.keys(e)) if (key !== 'hash' && key !== 'tree') rest[key] = e[key];
    return canonicalJson(rest);
  }
  return (
    `{"action":${q(e.action)},"actor":${q(e.actor)},"at":${q(e.at)},"detail":${canonicalJson(e.detail)},"device":${q(e.device)},"id":${q(e.id)},` +
    `"objectId":${q(e.objectId)},"objectType":${q(e.objectType)},"prevHash":${q(e.prevHash)},"result":${q(e.result)},"seq":${q(e.seq)}}`
  );
};

/** The entry's hash as bytes (verifiers go on to hash these into the Merkle tree). */
export const entryHashBytes = (e: EntryLike): Uint8Array => sha256(encode(canonicalEntryText(e)));

export const entryHashHex = (e: EntryLike): string => bytesToHex(entryHashBytes(e));
