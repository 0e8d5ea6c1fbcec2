import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { UUID_V7, idTail, uuidv7, uuidv7Time } from './ids';
import { formatFen, formatRmb, parseYuan } from './money';
import { redactCardData } from './redact';

describe('money in fen', () => {
  it('parses yuan text without floats', () => {
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan('0.05')).toBe(5);
    expect(parseYuan('7')).toBe(700);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('1e3')).toBeNull();
  });
  it('formats with the fullwidth yen sign', () => {
    expect(formatFen(1230)).toBe('12.30');
    expect(formatRmb(5)).toBe('\uFFE50.05');
    expect(() => formatFen(1.5)).toThrow();
  });
});

describe('UUIDv7', () => {
  it('is well formed, time-ordered and unique within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Time(uuidv7(1_700_000_000_123))).toBeGreaterThanOrEqual(1_700_000_000_000);
  });

  it('is told apart on screen by its random end, not its time prefix', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_000);
    expect(a.slice(0, 8)).toBe(b.slice(0, 8));
    expect(idTail(a)).not.toBe(idTail(b));
    expect(idTail(a)).toBe(`…${a.slice(-12)}`);
    expect(idTail('general.language')).toBe('general.language');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
  it('refuses NaN', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe('log redaction', () => {
  it('masks PAN-like digit runs and track data', () => {
    const line = redactCardData('pan 6212345678901232 and 6212 3456 7890 1232 track ;6212345678901232=30121010000000000000?');
    expect(line).not.toContain('6212345678901232');
    expect(line).not.toContain('6212 3456 7890');
    expect(line).toContain('1232');
  });
  it('leaves amounts, times and ids alone', () => {
    expect(redactCardData('amount 12345 at 2026-11-23T02:00:00Z stan 000123')).toBe('amount 12345 at 2026-11-23T02:00:00Z stan 000123');
  });
});
