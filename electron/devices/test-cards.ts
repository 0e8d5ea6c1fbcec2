import { yymmAfter } from '../../shared/domain/card/expiry';
import type { YearMonth } from '../../shared/domain/card/expiry';
import { trackLrc } from '../../shared/domain/card/track';
import type { TestCardId } from '../../shared/ipc/commands/card-reader';
import type { MagtekReportInput } from './magtek-report';

/**
 * Test cards of the virtual reader. PANs are published test numbers that pass Luhn and belong
 * to no account; the UnionPay one is the sentinel the memory-only tests search for. Expiry dates
 * are three years ahead of today so the cards never go stale (the expired card is fixed in 2012).
 */
export const SENTINEL_TEST_PAN = '6212345678901232';

export interface TestCardSpec {
  id: TestCardId;
  /** Key in the renderer's `cardReader` namespace. */
  labelKey: string;
  tracks: (today: YearMonth) => MagtekReportInput;
}

const clearCard = (pan: string, name: string, svc: string, fixedExpiry?: string) => (today: YearMonth): MagtekReportInput => {
  const yymm = fixedExpiry ?? yymmAfter(today, 36);
  return {
    track1: `%B${pan}^${name}^${yymm}${svc}0000000000?`,
    track2: `;${pan}=${yymm}${svc}00000000000?`,
  };
};

/** A track 2 whose check character is wrong, with track 1 lost: what a bent or dirty stripe gives. */
const badSwipe = (today: YearMonth): MagtekReportInput => {
  const framed = `;5555555555554444=${yymmAfter(today, 36)}10100000000000?`;
  const right = trackLrc(framed, 2);
  return { track2: `${framed}${right === '0' ? '1' : '0'}`, status: [1, 0, 0] };
};

export const TEST_CARDS: readonly TestCardSpec[] = [
  { id: 'unionpay-debit', labelKey: 'testCards.unionpayDebit', tracks: clearCard(SENTINEL_TEST_PAN, 'TEST/UNIONPAY DEBIT', '101') },
  { id: 'visa', labelKey: 'testCards.visa', tracks: clearCard('4111111111111111', 'TEST/VISA', '101') },
  { id: 'mastercard-2series', labelKey: 'testCards.mastercard2series', tracks: clearCard('2223000048400011', 'TEST/MASTERCARD', '101') },
  { id: 'chip-swiped', labelKey: 'testCards.chipSwiped', tracks: clearCard('6250946000000016', 'TEST/UNIONPAY CHIP', '201') },
  { id: 'expired', labelKey: 'testCards.expired', tracks: clearCard('4000000000000002', 'TEST/EXPIRED', '101', '1212') },
  { id: 'bad-swipe', labelKey: 'testCards.badSwipe', tracks: badSwipe },
];
