import { describe, expect, it } from 'vitest';
import { answerFor } from '../../../test/host-sim/host-answers';
import { decodeMessage } from './codec';
import { ISO_REJECTIONS, Iso8583Error } from './errors';
import { FrameReader, decodeFrame, encodeFrame, frameConfig } from './framing';
import { unionPayEcbMac } from './mac';
import * as msg from './messages';
import { FIXTURE_MAK, everyRequest, loadHex } from './test-support';

/** Deterministic PRNG (mulberry32), so a failure reproduces from its seed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const config = frameConfig('6000030000', '603100000000');

const seeds = (): Uint8Array[] => {
  const frames = everyRequest().flatMap(([, request]) => {
    const answer = answerFor(request, { code: '00', authCode: '123456', rrn: '000001000002', batch: '000001', mac: request.fields.has(64) });
    return [msg.encodeWithMac(request, FIXTURE_MAK, unionPayEcbMac), msg.encodeWithMac(answer, FIXTURE_MAK, unionPayEcbMac)].map((body) => encodeFrame(body, config));
  });
  return [...frames, loadHex('unionpay-sale-0200-published.hex')];
};

const mutate = (frame: Uint8Array, rnd: () => number): Uint8Array => {
  const pick = (n: number): number => Math.floor(rnd() * n);
  let out = frame.slice();
  const rounds = 1 + pick(4);
  for (let i = 0; i < rounds; i++) {
    switch (pick(9)) {
      case 0: // flip a bit
        if (out.length > 0) out[pick(out.length)] = (out[pick(out.length)] ?? 0) ^ (1 << pick(8));
        break;
      case 1: // random byte
        if (out.length > 0) out[pick(out.length)] = pick(256);
        break;
      case 2: // truncate
        out = out.slice(0, pick(out.length + 1));
        break;
      case 3: // append junk
        out = Uint8Array.from([...out, ...Array.from({ length: 1 + pick(16) }, () => pick(256))]);
        break;
      case 4: // fix the length prefix to the new size (so the body parser is reached)
        if (out.length >= 2) {
          out[0] = ((out.length - 2) >> 8) & 0xff;
          out[1] = (out.length - 2) & 0xff;
        }
        break;
      case 5: // scramble the bitmap (MTI at 13-14, bitmap from 15)
        if (out.length > 22) out[15 + pick(8)] = pick(256);
        break;
      case 6: // a length prefix byte in the body
        if (out.length > 30) out[23 + pick(out.length - 23)] = [0x99, 0x00, 0xff, 0x19, 0x37][pick(5)] ?? 0;
        break;
      case 7: // empty the bitmap
        if (out.length > 22) out.fill(0, 15, 23);
        break;
      default: // cut a slice out of the middle
        if (out.length > 4) {
          const a = pick(out.length);
          const b = Math.min(out.length, a + 1 + pick(8));
          out = Uint8Array.from([...out.subarray(0, a), ...out.subarray(b)]);
        }
    }
  }
  return out;
};

describe('fuzzed decoder', () => {
  it('meets 10,000 mutated frames with either a message or a named refusal, never anything else', () => {
    const rnd = prng(0x8583);
    const base = seeds();
    const reasons = new Map<string, number>();
    let decoded = 0;
    for (let i = 0; i < 10_000; i++) {
      const frame = mutate(base[i % base.length] as Uint8Array, rnd);
      try {
        decodeMessage(decodeFrame(frame, 6).body);
        decoded += 1;
      } catch (error) {
        if (!(error instanceof Iso8583Error)) throw new Error(`frame ${i} (seed 0x8583): unnamed ${String(error)} for ${Buffer.from(frame).toString('hex')}`, { cause: error });
        expect(ISO_REJECTIONS).toContain(error.reason);
        expect(error.message.length).toBeGreaterThan(0);
        reasons.set(error.reason, (reasons.get(error.reason) ?? 0) + 1);
      }
    }
    expect(decoded + [...reasons.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    // The mutations reach every layer: framing, bitmap, prefixes, BCD, charset, leftovers.
    for (const r of ['frame-length-mismatch', 'truncated', 'bad-bitmap', 'bad-length-prefix', 'bad-bcd', 'trailing-bytes', 'unknown-field']) expect(reasons.get(r) ?? 0, r).toBeGreaterThan(0);
  });

  it('reassembles a stream cut at random points and names a garbled frame without throwing', () => {
    const rnd = prng(7);
    const base = seeds();
    const stream = Uint8Array.from(base.flatMap((f) => [...f]));
    const reader = new FrameReader(6);
    const frames: number[] = [];
    for (let at = 0; at < stream.length; ) {
      const n = 1 + Math.floor(rnd() * 40);
      for (const item of reader.push(stream.subarray(at, at + n))) frames.push(item.ok ? item.frame.body.length : -1);
      at += n;
    }
    expect(frames).toHaveLength(base.length);
    expect(frames.every((n) => n > 0)).toBe(true);
    const junk = new FrameReader(6).push(Uint8Array.from([0xff, 0xff, 1, 2, 3]));
    expect(junk).toEqual([{ ok: false, error: expect.objectContaining({ reason: 'frame-too-large' }) as unknown }]);
  });
});
