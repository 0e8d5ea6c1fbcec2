import { describe, expect, it } from 'vitest';
import { insertedText } from './card-field-guard';
import { looksLikeCardData, scrubCardData } from './card-data';

const PAN = '6212345678901232';

describe('card data in typed text', () => {
  it.each([
    ['a track 2', `;${PAN}=3012101000?`],
    ['a cut track 2', `;${PAN}=30`],
    ['a sentinel and 12-19 digits', `;${PAN.slice(0, 14)}`],
    ['a track 1', `%B${PAN}^TEST/CARD^3012101000?`],
    ['a Luhn-valid card number', `ref ${PAN} paid`],
    ['a card number in groups', `6212 3456 7890 1232`],
    ['digits before a separator', `${PAN}=`],
  ])('finds %s', (_what, text) => {
    expect(looksLikeCardData(text)).toBe(true);
  });

  it.each([
    ['a short reference after ;', 'ref;12345678'],
    ['; and 11 digits', ';62123456789'],
    ['a number that fails Luhn', `ref ${PAN.slice(0, -1)}3`],
    ['a run longer than 19 digits', `;${'7'.repeat(60)}`],
    ['ordinary typing', 'Thanks; see you'],
  ])('leaves %s alone', (_what, text) => {
    expect(looksLikeCardData(text)).toBe(false);
  });

  it('takes card data out of a field’s text and keeps the rest', () => {
    expect(scrubCardData(`note ;${PAN}=3012101000? end`)).toBe('note  end');
    expect(scrubCardData(`%B${PAN}^TEST/CARD^3012101000?`)).toBe('');
    expect(scrubCardData(`paid ${PAN}`)).toBe('paid ');
    expect(scrubCardData('EAN 6901234567892')).toBeNull();
    expect(scrubCardData('nothing here')).toBeNull();
  });

  it('knows what was inserted between two values', () => {
    expect(insertedText('ab', 'a1b')).toBe('1');
    expect(insertedText('ab', 'ab=30')).toBe('=30');
    expect(insertedText('abc', 'ab')).toBeNull();
    expect(insertedText('abc', 'xbcd')).toBeNull();
  });
});
