import { describe, expect, it } from 'vitest';
import { CARD_BRANDS } from '../../../../shared/domain/card/brand';
import { CARD_FAILURE_REASONS } from '../../../../shared/domain/card/reasons';
import { cardReaderStrings } from './i18n';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

const lookup = (strings: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);

describe('cardReader strings', () => {
  it('have the same keys in English and Chinese', () => {
    expect(keysOf(cardReaderStrings['zh-CN']).sort()).toEqual(keysOf(cardReaderStrings.en).sort());
  });

  it('translate every card failure reason and brand, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const reason of CARD_FAILURE_REASONS) expect(typeof lookup(cardReaderStrings[lang], `failure.${reason}`), `${lang} failure.${reason}`).toBe('string');
      for (const brand of CARD_BRANDS) expect(typeof lookup(cardReaderStrings[lang], `brand.${brand}`)).toBe('string');
    }
  });

  it('tell the cashier to swipe again when the card was unreadable', () => {
    expect(cardReaderStrings['zh-CN'].failure.unreadable).toContain('请重新刷卡');
    expect(cardReaderStrings.en.failure.unreadable).toMatch(/please swipe again/i);
  });

  it('name every virtual test card', () => {
    for (const key of ['unionpayDebit', 'visa', 'mastercard2series', 'chipSwiped', 'expired', 'badSwipe']) {
      expect(typeof lookup(cardReaderStrings['zh-CN'], `testCards.${key}`)).toBe('string');
    }
  });
});
