import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../electron/devices/test-cards';
import { TEST_CARD_IDS } from '../shared/ipc/commands/card-reader';
import { cardReaderStrings } from '../renderer/src/features/card-reader/i18n';

const lookup = (strings: unknown, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);

describe('virtual test cards', () => {
  it('cover every id in the contract, each with a label in both languages', () => {
    expect(TEST_CARDS.map((c) => c.id)).toEqual([...TEST_CARD_IDS]);
    for (const card of TEST_CARDS) {
      expect(typeof lookup(cardReaderStrings.en, card.labelKey), card.labelKey).toBe('string');
      expect(typeof lookup(cardReaderStrings['zh-CN'], card.labelKey), card.labelKey).toBe('string');
    }
  });
});
