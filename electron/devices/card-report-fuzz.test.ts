import { describe, expect, it } from 'vitest';
import { buildIdtechFrame, buildV5Report } from '../../test/fixtures/hid/builders';
import { isCardFailureReason } from '../../shared/domain/card/reasons';
import { parseMaskedTrack1, parseMaskedTrack2 } from '../../shared/domain/card/masked';
import { parseCardTracks, parseSwipeText } from '../../shared/domain/card/parse';
import type { DecodeResult, TrackSet } from './card-report-bytes';
import { decodeIdtechFrame } from './idtech-frame';
import { decodeMagtekReport, encodeMagtekReport } from './magtek-report';
import { decodeMagtekV5Report } from './magtek-v5-report';

/** mulberry32: small, fast, seeded — the same 12,000 cases on every run. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const seeds = (): Uint8Array[] => [
  encodeMagtekReport({ track1: '%B6212345678901232^TEST/CARD^3012101000?', track2: ';6212345678901232=3012101000?' }),
  buildV5Report({ masked: { track2: ';5452000000007189=08040000000000000000?' }, encrypted: { track2: new Uint8Array(40).fill(7) } }),
  buildIdtechFrame({ masked: { track1: '%*4761********0119^TEST/VISA^2512****?', track2: ';4761********0119=2512****?' }, hashTracks: [true, true, false] }),
  buildIdtechFrame({ masked: { track2: ';4761********0119=2512****?' }, aes: true, serial: true, sessionId: true, padTo: 560 }),
];

const mutate = (rand: () => number, base: Uint8Array): Uint8Array => {
  const pick = Math.floor(rand() * 5);
  if (pick === 0) return base.subarray(0, Math.floor(rand() * base.length)); // truncate
  if (pick === 1) {
    const longer = new Uint8Array(base.length + 1 + Math.floor(rand() * 64));
    longer.set(base);
    for (let i = base.length; i < longer.length; i += 1) longer[i] = Math.floor(rand() * 256);
    return longer;
  }
  const out = base.slice();
  const flips = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < flips; i += 1) {
    // Bias toward the header, where the lengths and statuses live.
    const at = rand() < 0.5 ? Math.floor(rand() * 12) : Math.floor(rand() * out.length);
    out[at] = pick === 2 ? (out[at] ?? 0) ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
  }
  return out;
};

type AnyDecoded = DecodeResult<{ tracks: TrackSet } | { masked: TrackSet }>;

/** Decoders called bare (no safety-net catch), so an exception would fail the test. */
const decoders: Array<[string, (b: Uint8Array) => AnyDecoded]> = [
  ['magtek-337', decodeMagtekReport],
  ['magtek-v5', decodeMagtekV5Report],
  ['idtech-enhanced', decodeIdtechFrame],
];

const checkShape = (r: AnyDecoded): void => {
  if (!r.ok) {
    expect(isCardFailureReason(r.reason)).toBe(true);
    return;
  }
  const clear = 'tracks' in r;
  const tracks = clear ? r.tracks : r.masked;
  for (const t of [tracks.track1, tracks.track2, tracks.track3]) {
    if (t !== null) expect(t.length).toBeLessThanOrEqual(112);
  }
  // The parsers downstream must take whatever a decoder lets through.
  const parsed = clear ? parseCardTracks(tracks) : parseMaskedTrack2(tracks.track2 ?? '');
  if (!parsed.ok) expect(isCardFailureReason(parsed.reason)).toBe(true);
  if (!clear) parseMaskedTrack1(tracks.track1 ?? '');
};

describe('decoder fuzz', () => {
  it('12,000 random and mutated reports through every decoder: no exception, every failure named', () => {
    const rand = prng(0xc0ffee);
    const bases = seeds();
    let decoded = 0;
    let refused = 0;
    for (let i = 0; i < 12_000; i += 1) {
      let bytes: Uint8Array;
      if (i % 3 === 0) {
        bytes = new Uint8Array(Math.floor(rand() * 900));
        for (let j = 0; j < bytes.length; j += 1) bytes[j] = Math.floor(rand() * 256);
        if (rand() < 0.3 && bytes.length > 0) bytes[0] = 0x02;
      } else {
        bytes = mutate(rand, bases[i % bases.length] ?? new Uint8Array(0));
      }
      for (const [, decode] of decoders) {
        const r = decode(bytes);
        checkShape(r);
        if (r.ok) decoded += 1;
        else refused += 1;
      }
    }
    expect(decoded + refused).toBe(36_000);
    expect(decoded).toBeGreaterThan(0); // mutations that keep a valid report still decode
    expect(refused).toBeGreaterThan(decoded);
  });

  it('2,000 random strings through the keyboard swipe parser', () => {
    const rand = prng(42);
    const alphabet = '%;?^=B0123456789/ ABCDEFXYZ\r\n\u0000\u00ff';
    for (let i = 0; i < 2_000; i += 1) {
      let s = '';
      const n = Math.floor(rand() * 120);
      for (let j = 0; j < n; j += 1) s += alphabet[Math.floor(rand() * alphabet.length)] ?? '';
      const r = parseSwipeText(s, { today: { year: 2026, month: 1 } });
      if (!r.ok) expect(isCardFailureReason(r.reason)).toBe(true);
    }
  });
});
