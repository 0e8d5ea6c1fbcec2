import { describe, expect, it } from 'vitest';
import { EMPTY_AMOUNT, amountToFen, keysTyped, pressKey } from './amount-entry';
import type { AmountKey } from './amount-entry';

const type = (keys: AmountKey[]) => keys.reduce(pressKey, EMPTY_AMOUNT);

describe('amount entry', () => {
  it('reads digits as fen, cash-register style', () => {
    expect(amountToFen(type(['1', '2', '5', '0']))).toBe(1250);
    expect(amountToFen(type(['5']))).toBe(5);
    expect(amountToFen(type(['1', '00']))).toBe(100);
  });
  it('accepts a decimal point for keyboard users', () => {
    expect(amountToFen(type(['1', '2', '.', '5']))).toBe(1250);
    expect(amountToFen(type(['0', '.', '0', '5']))).toBe(5);
    expect(amountToFen(type(['1', '.', '9', '9', '9']))).toBe(199);
    expect(amountToFen(type(['.', '.', '5']))).toBe(50);
  });
  it('backspace and clear', () => {
    expect(amountToFen(type(['1', '2', '3', 'back']))).toBe(12);
    expect(amountToFen(type(['1', '.', '5', 'back', 'back']))).toBe(1);
    expect(amountToFen(type(['9', '9', 'clear']))).toBe(0);
  });
  it('ignores leading zeros and refuses amounts over the maximum', () => {
    expect(amountToFen(type(['0', '0', '7']))).toBe(7);
    const big = type(['9', '9', '9', '9', '9', '9', '9', '9', '9', '9']);
    expect(amountToFen(big)).toBe(999_999_999);
  });

  it('shows the keys as typed beside the amount: 100 is ￥1.00, 12.5 is ￥12.50', () => {
    expect(keysTyped(type(['1', '0', '0']))).toBe('100');
    expect(amountToFen(type(['1', '0', '0']))).toBe(100);
    expect(keysTyped(type(['1', '2', '.', '5']))).toBe('12.5');
    expect(keysTyped(type(['.', '5']))).toBe('0.5');
    expect(keysTyped(EMPTY_AMOUNT)).toBe('');
  });
});
