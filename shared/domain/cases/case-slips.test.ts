import { describe, expect, it } from 'vitest';
import { buildExplanationSlip, buildLookupSlip } from './case-slips';
import type { SlipShop } from './case-slips';

const shop = (language: SlipShop['language']): SlipShop => ({ shopName: 'Shop |{cut}|', merchantId: '898100000000001', terminalId: '10000001', paper: 80, language, timeZone: 'Asia/Shanghai', printedAt: Date.UTC(2026, 10, 2, 2) });
const sale = { time: Date.UTC(2026, 10, 1, 6, 3), amountFen: 8800, last4: '0119', authCode: '123456', rrn: '000000000001', record: 'approved' as const, host: 'not-found' as const };

describe('case slips', () => {
  it('the explanation slip gives each sale’s facts and the host’s answer in the slip language', () => {
    const zh = buildExplanationSlip(shop('zh-CN'), { caseNo: 'A1B2', type: 'failed-but-charged', sales: [sale] });
    expect(zh).toContain('交易说明单');
    expect(zh).toContain('交易失败但已扣款');
    expect(zh).toContain('主机无此交易（未扣款）');
    expect(zh).toContain('2026/11/01 14:03');
    expect(zh).toContain('**** 0119');
    expect(zh).not.toContain('TRANSACTION');
    const en = buildExplanationSlip(shop('en'), { caseNo: 'A1B2', type: 'duplicate-charge', sales: [{ ...sale, record: 'refunded', host: null }] });
    expect(en).toContain('TRANSACTION EXPLANATION');
    expect(en).toContain('REFUNDED');
    expect(en).toContain('reversed or refunded');
    expect(en).not.toContain('说明');
  });

  it('the lookup slip says there is no such sale here, with what was searched; markup in the shop name is escaped', () => {
    const slip = buildLookupSlip(shop('bilingual'), { at: Date.UTC(2026, 10, 1, 6), amountFen: 12_345, last4: '4242' });
    expect(slip).toContain('本店无此交易 NO SUCH SALE AT THIS SHOP');
    expect(slip).toContain('￥123.45');
    expect(slip).not.toContain('|{cut}|');
  });
});
