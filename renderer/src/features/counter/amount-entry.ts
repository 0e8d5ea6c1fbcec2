import type { Fen } from '../../../../shared/domain/money';

/**
 * Amount entry as a cash register does it: digits only, cents typed last, so "1", "2", "5", "0"
 * reads ￥12.50 without a decimal point. A decimal point is also accepted for keyboard users
 * ("12.5" → ￥12.50). Everything is integer fen; the largest amount is ￥9,999,999.99.
 */
export interface AmountState {
  /** Digits typed, most significant first; the last two are fen when no point was typed. */
  whole: string;
  /** Digits after an explicit decimal point, or null when none was typed. */
  fraction: string | null;
}

export const EMPTY_AMOUNT: AmountState = { whole: '', fraction: null };
export const MAX_FEN: Fen = 999_999_999;

export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'back' | 'clear';

export const amountToFen = (s: AmountState): Fen => {
  if (s.fraction === null) return Number(s.whole || '0');
  return Number(s.whole || '0') * 100 + Number((s.fraction + '00').slice(0, 2));
};

export const pressKey = (s: AmountState, key: AmountKey): AmountState => {
  if (key === 'clear') return EMPTY_AMOUNT;
  if (key === 'back') {
    if (s.fraction !== null) return s.fraction.length > 0 ? { ...s, fraction: s.fraction.slice(0, -1) } : { ...s, fraction: null };
    return { ...s, whole: s.whole.slice(0, -1) };
  }
  if (key === '.') {
    if (s.fraction !== null) return s;
    // "1250" typed as cents then "." would be ambiguous; a point starts fen after the typed yuan.
    return { whole: s.whole, fraction: '' };
  }
  if (s.fraction !== null) {
    const fraction = (s.fraction + key).slice(0, 2);
    const next = { ...s, fraction };
    return amountToFen(next) <= MAX_FEN ? next : s;
  }
  const whole = (s.whole + key).replace(/^0+/, '');
  const next = { whole, fraction: null };
  return amountToFen(next) <= MAX_FEN ? next : s;
};

/** The keys as typed (`100`, `12.5`), shown beside the amount so "100 = ￥1.00" is plain to see. */
export const keysTyped = (s: AmountState): string => (s.fraction === null ? s.whole : `${s.whole || '0'}.${s.fraction}`);

/** Maps a keyboard event key to an amount key, or null for keys the field ignores. */
export const keyFromKeyboard = (key: string): AmountKey | null => {
  if (/^[0-9]$/.test(key)) return key as AmountKey;
  if (key === '.' || key === 'Decimal') return '.';
  if (key === 'Backspace') return 'back';
  if (key === 'Escape' || key === 'Delete') return 'clear';
  return null;
};
