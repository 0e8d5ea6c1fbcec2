import { describe, expect, it } from 'vitest';
import { PIN_ITERATIONS, PIN_MIN_ITERATIONS, constantTimeEqual, hashPin, isNewPinFormat, isPinFormat, needsNewPin, pinProblem, verifyPin } from './pin';

describe('PIN rules', () => {
  it('checks 4 to 8 digits (older PINs), full-width digits included', () => {
    expect(['4829', '48291357', '４８２９'].map(isPinFormat)).toEqual([true, true, true]);
    expect(['482', '482913570', '48a9', ' 4829', ''].map(isPinFormat)).toEqual([false, false, false, false, false]);
  });

  it('sets only PINs of 6 to 8 digits; a 4- or 5-digit PIN that verified must be changed', () => {
    expect(['482913', '48291357', '４８２９１３'].map(isNewPinFormat)).toEqual([true, true, true]);
    expect(['4829', '48291', '482913570'].map(isNewPinFormat)).toEqual([false, false, false]);
    expect(pinProblem('4829')).toBe('pin-format');
    expect(pinProblem('48291')).toBe('pin-format');
    expect(needsNewPin('4829')).toBe(true);
    expect(needsNewPin('48291')).toBe(true);
    expect(needsNewPin('482913')).toBe(false);
  });

  it('refuses repeated digits and straight runs for new PINs', () => {
    expect(pinProblem('000000')).toBe('pin-weak');
    expect(pinProblem('123456')).toBe('pin-weak');
    expect(pinProblem('987654')).toBe('pin-weak');
    expect(pinProblem('12')).toBe('pin-format');
    expect(pinProblem('482913')).toBeNull();
  });

  it('compares byte arrays without stopping at the first difference', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('PIN hashing', () => {
  it('stores PBKDF2 with a random 16-byte salt and no trace of the PIN', async () => {
    const a = await hashPin('482913');
    const b = await hashPin('482913');
    expect(a.pinIterations).toBe(PIN_ITERATIONS);
    expect(atob(a.pinSalt)).toHaveLength(16);
    expect(atob(a.pinHash)).toHaveLength(32);
    expect(a.pinSalt).not.toBe(b.pinSalt);
    expect(a.pinHash).not.toBe(b.pinHash);
    expect(JSON.stringify(a)).not.toContain('482913');
  });

  it('verifies the right PIN, its full-width form, and nothing else', async () => {
    const stored = await hashPin('482913', PIN_MIN_ITERATIONS);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('４８２９１３', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('48291', stored)).toBe(false);
    expect(await verifyPin('not-a-pin', stored)).toBe(false);
  });

  it('refuses records whose cost was lowered or whose fields are damaged', async () => {
    const stored = await hashPin('482913', PIN_MIN_ITERATIONS);
    expect(await verifyPin('482913', { ...stored, pinIterations: 1000 })).toBe(false);
    expect(await verifyPin('482913', { ...stored, pinSalt: '%%%' })).toBe(false);
    expect(await verifyPin('482913', { ...stored, pinHash: stored.pinHash.slice(4) })).toBe(false);
    await expect(hashPin('482913', 1000)).rejects.toThrow(RangeError);
    await expect(hashPin('48')).rejects.toThrow(RangeError);
    await expect(hashPin('4829')).rejects.toThrow(RangeError);
  });
});
