import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SaleRecord } from '../../data/records';
import { saleRecord } from '../../data/sale-fixture';
import { transactionsStrings } from './i18n';
import { rowLabels } from './row-labels';
import { ListRow, SaleRow } from './SaleRow';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    resources: { en: { transactions: transactionsStrings.en }, 'zh-CN': { transactions: transactionsStrings['zh-CN'] } },
    interpolation: { escapeValue: false },
  });
});

const sale = (patch: Partial<SaleRecord> = {}): SaleRecord =>
  saleRecord({
    id: '019b82c6-6618-7130-beda-8c469d47ce40',
    createdAt: Date.UTC(2026, 0, 2, 23, 33, 19),
    version: 3,
    amountFen: 442_181,
    state: 'declined',
    signatureState: 'unsigned',
    last4: '5999',
    responseCode: '05',
    followUp: 'open',
    ...patch,
  });

describe('sale row', () => {
  it('shows a sale in plain elements with the ids the tests and the list use', () => {
    const html = renderToStaticMarkup(<ListRow sale={sale()} labels={rowLabels(i18n.getFixedT('zh-CN', 'transactions'), 'Asia/Shanghai')} onOpen={() => undefined} top={112} active />);
    expect(html).toContain('data-testid="sale-row"');
    expect(html).toContain('data-sale-id="019b82c6-6618-7130-beda-8c469d47ce40"');
    expect(html).toContain('id="sale-row-019b82c6-6618-7130-beda-8c469d47ce40"');
    expect(html).toContain('transform:translateY(112px)');
    expect(html).toContain('cs-placed cs-active');
    for (const text of ['01/03 07:33:19', '￥4421.81', '**** 5999', '被拒', '需跟进', '未签名', '消费']) expect(html).toContain(text);
    expect(html).toContain('data-tone="error"');
    expect(html).toContain('cs-unsigned');
    expect(html).not.toContain('Mui');
  });

  it('stands alone outside the list, in the flow, with no card yet', () => {
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <SaleRow sale={sale({ last4: '', state: 'approved', followUp: 'none', signatureState: 'signed' })} zone="Asia/Shanghai" onOpen={() => undefined} />
      </I18nextProvider>,
    );
    expect(html).toContain('--cs-divider');
    expect(html).not.toContain('translateY');
    expect(html).toContain('—');
    expect(html).toContain('data-tone="success"');
    expect(html).not.toContain('需跟进');
  });
});
