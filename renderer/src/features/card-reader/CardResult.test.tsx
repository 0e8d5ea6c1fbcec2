import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import { CardResult } from './CardResult';
import { cardReaderStrings } from './i18n';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'en',
    resources: { en: { cardReader: cardReaderStrings.en }, 'zh-CN': { cardReader: cardReaderStrings['zh-CN'] } },
    interpolation: { escapeValue: false },
  });
});

const summary: CardSummary = {
  cardRef: 'cr_AAAAAAAAAAAAAAAAAAAAAA',
  maskedPan: '**** 1232',
  last4: '1232',
  bin: '621234',
  panLength: 16,
  brand: 'unionpay',
  entryMode: 'keyboard-swipe',
  source: 'keyboard',
  readerId: 'card-reader:keyboard',
  chip: true,
  expiryMonth: 12,
  expiryYear: 2030,
  expiryValid: true,
  fingerprint: 'a'.repeat(64),
  encrypted: false,
  swipedAt: '2026-11-23T02:00:00.000Z',
  expiresAt: '2026-11-23T02:02:00.000Z',
};

const render = (node: ReactNode): string => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('CardResult', () => {
  it('shows a cashier the last four only, with brand, entry mode and the chip warning', () => {
    const html = render(<CardResult event={{ ok: true, summary }} role="cashier" />);
    expect(html).toContain('**** 1232');
    expect(html).not.toContain('621234');
    expect(html).toContain('UnionPay');
    expect(html).toContain('Swiped (keyboard-mode reader)');
    expect(html).toContain('card-result-chip');
  });

  it('shows a manager BIN + last four', () => {
    const html = render(<CardResult event={{ ok: true, summary }} role="manager" />);
    expect(html).toContain('621234 ****** 1232');
  });

  it('translates a refusal and says what to do', async () => {
    const failure = { reason: 'unreadable' as const, source: 'hid' as const, readerId: 'card-reader:hid:x', at: summary.swipedAt };
    expect(render(<CardResult event={{ ok: false, failure }} role="cashier" />)).toContain('Please swipe again.');
    await i18n.changeLanguage('zh-CN');
    expect(render(<CardResult event={{ ok: false, failure }} role="cashier" />)).toContain('请重新刷卡');
    await i18n.changeLanguage('en');
  });
});
