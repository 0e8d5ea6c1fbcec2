/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Globally unique and
 * time-ordered, so records can be replicated later and sort by creation.
 * A counter in the random field keeps ids from one process monotonic within a millisecond.
 */
let lastMs = -1;
let seq = 0;

const randomBytes = (n: number): Uint8Array => {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
};

export const uuidv7 = (now: number = Date.now()): string => {
  const bytes = randomBytes(16);
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = ((bytes[6] ?? 0) << 4) & 0x7ff;
  }
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const uuidv7Time = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/**
 * The part of an id that tells records apart on screen: the last 12 hex digits (random bits of a
 * UUIDv7). Its first 8 are only the creation time, the same for records made in one minute.
 * Ids of other shapes (`general.language`, a device id) are shown whole when short.
 */
export const idTail = (id: string): string => {
  if (!UUID_V7.test(id) && id.length <= 16) return id;
  return `…${id.replace(/-/g, '').slice(-12)}`;
};
