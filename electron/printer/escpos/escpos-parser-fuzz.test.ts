import { describe, expect, it } from 'vitest';
import { sampleReceiptInput, buildReceipt } from '../../../shared/domain/receipt';
import { encodeReceipt } from '../encode-receipt';
import { MAX_COMMAND_BYTES } from './escpos-commands';
import { EscposParser, parseEscpos } from './escpos-parser';

/** mulberry32: small, fast, seeded — the same 20,000 cases on every run. */
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

/** Commands with lengths in them, where a decoder can go wrong. */
const COMMANDS: number[][] = [
  [0x1d, 0x38, 0x4c],
  [0x1d, 0x28, 0x4c],
  [0x1d, 0x28, 0x6b],
  [0x1d, 0x76, 0x30],
  [0x1c, 0x28, 0x41],
  [0x1d, 0x6b, 0x49],
  [0x10, 0x04],
  [0x10, 0x14],
  [0x1b, 0x2a],
  [0x1c, 0x26],
];

const receiptBytes = (): Uint8Array => encodeReceipt(buildReceipt(sampleReceiptInput()), { paperWidth: 80, dotsPerLine: 576, chinese: 'native', cut: true, drawerPulse: false }).bytes;

const mutate = (rand: () => number, base: Uint8Array): Uint8Array => {
  const pick = Math.floor(rand() * 4);
  if (pick === 0) {
    // A command with a length, followed by random bytes (lengths of every size and sign).
    const cmd = COMMANDS[Math.floor(rand() * COMMANDS.length)] ?? [0x1d];
    const tail = Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 256));
    return Uint8Array.from([...cmd, ...tail]);
  }
  if (pick === 1) return Uint8Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 256));
  const start = Math.floor(rand() * base.length);
  const out = base.slice(start, start + 1 + Math.floor(rand() * 300));
  for (let i = 0, n = 1 + Math.floor(rand() * 6); i < n; i += 1) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  return out;
};

describe('ESC/POS parser under hostile input', () => {
  it('GS 8 L with a length whose top byte is set (1d 38 e1 f3 b9 b9 a7) ends instead of hanging', () => {
    const { receipts } = parseEscpos(Uint8Array.from([0x1d, 0x38, 0xe1, 0xf3, 0xb9, 0xb9, 0xa7]), 576);
    expect(receipts.length).toBeLessThanOrEqual(1);
  });

  it('refuses a declared length past the cap and moves on to what follows', () => {
    const huge = [0x1d, 0x38, 0x4c, 0xff, 0xff, 0xff, 0x7f];
    const text = [...new TextEncoder().encode('AFTER'), 0x0a];
    const { receipts } = parseEscpos(Uint8Array.from([...huge, ...text]), 576);
    const printed = JSON.stringify(receipts);
    expect(printed).toContain('"char":"A"');
    expect(receipts[0]?.unknown[0]).toBe('1d384cffffff7f');
    expect(0x7fffffff).toBeGreaterThan(MAX_COMMAND_BYTES);
  });

  it('meets 20,000 mutated and random inputs with a result, never a hang, a throw or a buffer that keeps a refused command', () => {
    const rand = prng(0x5eed);
    const base = receiptBytes();
    for (let i = 0; i < 20_000; i += 1) {
      const input = mutate(rand, base);
      const parser = new EscposParser(576, {});
      // Fed whole and in two pieces: the split may fall inside any command.
      parser.feed(input);
      parser.end();
      const split = new EscposParser(576, {});
      const cut = Math.floor(rand() * input.length);
      split.feed(input.subarray(0, cut));
      split.feed(input.subarray(cut));
      split.end();
      expect(parser.pendingBytes).toBeLessThanOrEqual(input.length);
    }
  });
});
