/**
 * PINs are stored only as PBKDF2-SHA256 (WebCrypto, in the browser and in Node) with a random
 * 16-byte salt. 210,000 iterations follows OWASP's guidance for PBKDF2-SHA256; a PIN is short,
 * so the cost per guess is what protects it, together with the audited failed logins.
 */
export const PIN_ITERATIONS = 210_000;

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const isPinFormat = (pin: string): boolean => /^\d{4,8}$/.test(pin);

/** All one digit, or a run up or down (1234, 987654): refused for new PINs. */
export const isWeakPin = (pin: string): boolean => {
  if (/^(\d)\1+$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
};

const derive = async (pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> => {
  const key = await globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
};

export interface PinHash {
  pinHash: string;
  pinSalt: string;
  pinIterations: number;
}

export const hashPin = async (pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> => {
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  return { pinHash: b64(await derive(pin, salt, iterations)), pinSalt: b64(salt), pinIterations: iterations };
};

/** Constant-time comparison of the derived bits. */
export const verifyPin = async (pin: string, stored: PinHash): Promise<boolean> => {
  if (!isPinFormat(pin)) return false;
  const derived = await derive(pin, unb64(stored.pinSalt), stored.pinIterations);
  const expected = unb64(stored.pinHash);
  if (derived.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < derived.length; i++) diff |= derived[i]! ^ expected[i]!;
  return diff === 0;
};
