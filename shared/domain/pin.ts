/**
 * Operator PINs (RULES.md 6). Stored only as PBKDF2-HMAC-SHA256 via WebCrypto (the same API
 * in Chromium and Node 20) with a random 16-byte salt. 600,000 iterations is OWASP's Password
 * Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256 (210,000 is its figure for SHA-512);
 * the stored iteration count is read back, so raising it later keeps old PINs working.
 * A short PIN has few values, so what protects it is the cost per guess together with the
 * back-off and lockout main applies to failed attempts (electron/auth/pin-throttle.ts).
 *
 * New PINs are 6-8 digits. PINs set before that rule (4-5 digits) still verify, and main then
 * asks the operator to choose a new one before anything else (`needsNewPin`).
 *
 * Async by nature: hash before opening an IndexedDB transaction, never inside one.
 */
/** Shortest PIN that can still be verified: PINs set before the 6-digit rule. */
export const PIN_MIN_LENGTH = 4;
/** Shortest PIN that may be set now (RULES 6; PCI DSS 8.3.6 asks for more than 4). */
export const NEW_PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 8;
export const PIN_ITERATIONS = 600_000;
/** Below this a stored hash is refused (a tampered or test record). */
export const PIN_MIN_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;

/** Same field names as the operator record, so a record can be passed as is. */
export interface StoredPin {
  pinHash: string;
  pinSalt: string;
  pinIterations: number;
}

export type PinProblem = 'pin-format' | 'pin-weak';

/**
 * Full-width digits from a Chinese IME (１２３４) are the same PIN as ASCII digits;
 * NFKC maps them. Nothing else is changed.
 */
export const normalizePin = (pin: string): string => pin.normalize('NFKC');

const PIN_SHAPE = new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`);
const NEW_PIN_SHAPE = new RegExp(`^[0-9]{${NEW_PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`);

/** A PIN that may be checked against a stored hash (4-8 digits: older PINs included). */
export const isPinFormat = (pin: string): boolean => PIN_SHAPE.test(normalizePin(pin));

/** A PIN that may be set today (6-8 digits). */
export const isNewPinFormat = (pin: string): boolean => NEW_PIN_SHAPE.test(normalizePin(pin));

/** A PIN that verified but is shorter than the rule for new PINs: it must be changed now. */
export const needsNewPin = (pin: string): boolean => isPinFormat(pin) && !isNewPinFormat(pin);

/** All one digit, or a straight run up or down (1234, 987654). Refused for new PINs. */
export const isWeakPin = (pin: string): boolean => {
  const p = normalizePin(pin);
  if (/^(\d)\1+$/.test(p)) return true;
  const digits = [...p].map(Number);
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
};

/** Why a new PIN is refused, or null when it may be set. */
export const pinProblem = (pin: string): PinProblem | null => {
  if (!isNewPinFormat(pin)) return 'pin-format';
  if (isWeakPin(pin)) return 'pin-weak';
  return null;
};

const toBase64 = (bytes: Uint8Array): string => {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
};

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const derive = async (pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> => {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(normalizePin(pin)), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
};

/** Compares every byte whatever the first difference, so timing says nothing about the PIN. */
export const constantTimeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
};

/** Hashes a PIN that already passed `pinProblem`. Throws on a malformed PIN (a caller bug). */
export const hashPin = async (pin: string, iterations: number = PIN_ITERATIONS): Promise<StoredPin> => {
  if (!isNewPinFormat(pin)) throw new RangeError(`PIN must be ${NEW_PIN_MIN_LENGTH}-${PIN_MAX_LENGTH} digits`);
  if (!Number.isSafeInteger(iterations) || iterations < PIN_MIN_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${PIN_MIN_ITERATIONS} iterations`);
  const salt = new Uint8Array(SALT_BYTES);
  globalThis.crypto.getRandomValues(salt);
  return { pinHash: toBase64(await derive(pin, salt, iterations)), pinSalt: toBase64(salt), pinIterations: iterations };
};

/** True when `pin` matches the stored hash. Malformed PINs and weakened records never match. */
export const verifyPin = async (pin: string, stored: StoredPin): Promise<boolean> => {
  if (!isPinFormat(pin)) return false;
  if (!Number.isSafeInteger(stored.pinIterations) || stored.pinIterations < PIN_MIN_ITERATIONS) return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.pinSalt);
    expected = fromBase64(stored.pinHash);
  } catch {
    return false;
  }
  if (salt.length !== SALT_BYTES || expected.length !== KEY_BITS / 8) return false;
  return constantTimeEqual(await derive(pin, salt, stored.pinIterations), expected);
};
