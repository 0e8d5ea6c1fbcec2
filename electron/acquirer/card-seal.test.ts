import { describe, expect, it } from 'vitest';
import type { ClearCard } from '../card/clear-card';
import { CardSealer, SealError } from './card-seal';

const PAN = '6212345678901232';
const card = (): ClearCard => ({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, track1: `B${PAN}^TEST/UNIONPAY^2912101`, cardholderName: 'TEST/UNIONPAY', entryMode: 'hid-swipe' });
const key = (fill: number) => new Uint8Array(32).fill(fill);
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SealError) return error.reason;
    throw error;
  }
  return 'opened';
};

describe('CardSealer', () => {
  it('seals and unseals what an advice needs, and nothing more', () => {
    const sealer = new CardSealer(key(1));
    const opened = sealer.unseal(sealer.seal(card()));
    expect(opened).toEqual({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, entryMode: 'hid-swipe' });
  });

  it('produces opaque base64 with no PAN digits in the text or in the decoded bytes', () => {
    const sealed = new CardSealer(key(1)).seal(card());
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const raw = Buffer.from(sealed, 'base64');
    for (const haystack of [Buffer.from(sealed), raw]) {
      expect(haystack.includes(Buffer.from(PAN))).toBe(false);
      expect(haystack.includes(Buffer.from(PAN.slice(0, 6)))).toBe(false);
      expect(haystack.includes(Buffer.from(PAN, 'hex'))).toBe(false);
      expect(haystack.includes(Buffer.from(PAN, 'utf16le'))).toBe(false);
    }
    expect(sealed).not.toContain('TEST');
  });

  it('uses a fresh IV every time', () => {
    const sealer = new CardSealer(key(1));
    expect(sealer.seal(card())).not.toBe(sealer.seal(card()));
  });

  it('refuses a blob with any byte changed: sealed-tampered', () => {
    const sealer = new CardSealer(key(1));
    const raw = Buffer.from(sealer.seal(card()), 'base64');
    for (const at of [1, 13, 20, raw.length - 1]) {
      const edited = Buffer.from(raw);
      edited[at] = (edited[at] ?? 0) ^ 0x01;
      expect(failure(() => sealer.unseal(edited.toString('base64'))), `byte ${at}`).toBe('sealed-tampered');
    }
  });

  it('refuses a blob sealed under another key: sealed-tampered', () => {
    expect(failure(() => new CardSealer(key(2)).unseal(new CardSealer(key(1)).seal(card())))).toBe('sealed-tampered');
  });

  it('refuses what is not a sealed card: sealed-malformed', () => {
    const sealer = new CardSealer(key(1));
    expect(failure(() => sealer.unseal('not base64!'))).toBe('sealed-malformed');
    expect(failure(() => sealer.unseal(Buffer.from('short').toString('base64')))).toBe('sealed-malformed');
    const raw = Buffer.from(sealer.seal(card()), 'base64');
    raw[0] = 9;
    expect(failure(() => sealer.unseal(raw.toString('base64')))).toBe('sealed-malformed');
  });

  it('takes its key from the secret store under "offline-seal"', async () => {
    const asked: Array<[string, number]> = [];
    const sealer = await CardSealer.create({ protectedByOs: false, getOrCreate: (name, n) => (asked.push([name, n]), Promise.resolve(key(3))), list: () => Promise.resolve([]) });
    expect(asked).toEqual([['offline-seal', 32]]);
    expect(new CardSealer(key(3)).unseal(sealer.seal(card())).pan).toBe(PAN);
  });
});
