import { describe, expect, it } from 'vitest';
import { CARD_LIFETIME_MS, CardVault } from './card-vault';
import type { ClearCard, EncryptedCard } from './clear-card';
import { maskedFingerprint, panFingerprint } from './card-fingerprint';
import { sha256Hex } from '../../shared/domain/hash';

const card = (): ClearCard => ({
  pan: '6212345678901232',
  expiry: '3012',
  serviceCode: '101',
  track2: '6212345678901232=3012101000',
  track1: 'B6212345678901232^TEST/CARD^3012101000',
  cardholderName: 'TEST/CARD',
  entryMode: 'hid-swipe',
});

const manualVault = (): { vault: CardVault; advance: (ms: number) => void; timers: Array<() => void> } => {
  let t = 1_000_000;
  const timers: Array<() => void> = [];
  const vault = new CardVault({
    now: () => t,
    schedule: (fn) => {
      timers.push(fn);
      return () => undefined;
    },
  });
  return { vault, advance: (ms) => (t += ms), timers };
};

describe('CardVault', () => {
  it('hands a card over once behind an opaque ref', () => {
    const { vault } = manualVault();
    const { cardRef, expiresAt } = vault.put(card());
    expect(cardRef).toMatch(/^cr_[A-Za-z0-9_-]{22}$/);
    expect(cardRef).not.toContain('1232');
    expect(expiresAt).toBe(1_000_000 + CARD_LIFETIME_MS);
    expect(vault.take(cardRef)).toMatchObject({ pan: '6212345678901232', track2: '6212345678901232=3012101000' });
    expect(vault.take(cardRef)).toBeNull();
    expect(vault.size).toBe(0);
  });

  it('gives unguessable refs', () => {
    const { vault } = manualVault();
    const refs = new Set(Array.from({ length: 200 }, () => vault.put(card()).cardRef));
    expect(refs.size).toBe(200);
  });

  it('forgets a card after two minutes, whether asked or swept', () => {
    const { vault, advance } = manualVault();
    const a = vault.put(card()).cardRef;
    const b = vault.put(card()).cardRef;
    advance(CARD_LIFETIME_MS - 1);
    expect(vault.has(a)).toBe(true);
    advance(1);
    expect(vault.take(a)).toBeNull();
    expect(vault.sweep()).toBe(1);
    expect(vault.has(b)).toBe(false);
    expect(vault.size).toBe(0);
  });

  it('overwrites the stored card when it is taken or expires', () => {
    const { vault, timers } = manualVault();
    const mine = card();
    const ref = vault.put(mine).cardRef;
    // The vault keeps its own copy; reach it through the entry the timer would wipe.
    const stored = (vault as unknown as { entries: Map<string, { card: ClearCard }> }).entries.get(ref)?.card;
    expect(stored?.pan).toBe('6212345678901232');
    timers[0]?.();
    expect(stored).toMatchObject({ pan: '', track2: '', track1: '', cardholderName: '', expiry: '', serviceCode: '' });
    expect(vault.take(ref)).toBeNull();
  });

  it('keeps encrypted swipes apart: take() refuses them, takeEncrypted() hands over a copy and zeroes its own', () => {
    const { vault } = manualVault();
    const block = Uint8Array.from([9, 8, 7, 6, 5, 4, 3, 2]);
    const enc: EncryptedCard = { format: 'magtek-v5', ksn: 'FFFF9876543210E00008', cipher: 'unknown', encryptedTrack1: null, encryptedTrack2: block, encryptedTrack3: null, entryMode: 'hid-swipe' };
    const ref = vault.putEncrypted(enc).cardRef;
    expect(vault.take(ref)).toBeNull();
    const handed = vault.takeEncrypted(ref);
    expect([...(handed?.encryptedTrack2 ?? [])]).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
    expect([...block]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(vault.takeEncrypted(ref)).toBeNull();
  });

  it('clear() wipes everything (host stop)', () => {
    const { vault } = manualVault();
    vault.put(card());
    vault.put(card());
    vault.clear();
    expect(vault.size).toBe(0);
  });
});

describe('card fingerprint', () => {
  const key = new Uint8Array(32).fill(7);
  const other = new Uint8Array(32).fill(8);

  it('is keyed: another key gives another fingerprint, and it is not a plain SHA-256 of the PAN', () => {
    const f = panFingerprint(key, '6212345678901232');
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(panFingerprint(key, '6212345678901232')).toBe(f);
    expect(panFingerprint(other, '6212345678901232')).not.toBe(f);
    expect(f).not.toBe(sha256Hex('6212345678901232'));
  });

  it('keeps masked fingerprints in their own domain', () => {
    const m = { panPrefix: '621234', last4: '1232', panLength: 16, expiry: { year: 2030, month: 12 }, serviceCode: '101' };
    expect(maskedFingerprint(key, m)).not.toBe(panFingerprint(key, '6212345678901232'));
    expect(maskedFingerprint(key, m)).toBe(maskedFingerprint(key, { ...m }));
  });
});
