export const saleStrings = {
  en: {
    copy: { merchant: 'Merchant copy', customer: 'Customer copy', supplementary: 'Supplementary-signature slip', test: 'Test print' },
    printState: { queued: 'queued', sending: 'printing', sent: 'sent', confirmed: 'printed', failed: 'FAILED' },
    reprintN: 'REPRINT {{n}}',
    notPrinted: {
      title: 'Approved but not printed / 已扣款未出单',
      body: 'The card was charged but the {{copy}} did not print.',
      reprint: 'Reprint now',
      appBar: '{{count}} not printed',
    },
    unsignedBadge: '{{count}} unsigned · oldest {{age}}',
    reminder: '{{count}} sale(s) still unsigned. Open Transactions → Unsigned to follow up (补签).',
    age: { minutes: '{{n}} min', hours: '{{n}} h', days: '{{n}} d' },
  },
  'zh-CN': {
    copy: { merchant: '商户存根', customer: '持卡人存根', supplementary: '补签单', test: '测试打印' },
    printState: { queued: '排队中', sending: '打印中', sent: '已发送', confirmed: '已打印', failed: '失败' },
    reprintN: '重打印 {{n}}',
    notPrinted: {
      title: '已扣款未出单 / Approved but not printed',
      body: '卡已扣款，但{{copy}}未打印出来。',
      reprint: '立即重打',
      appBar: '{{count}} 笔未出单',
    },
    unsignedBadge: '{{count}} 笔未签名 · 最早 {{age}}',
    reminder: '还有 {{count}} 笔交易未签名。请到“交易记录 → 未签名”跟进补签。',
    age: { minutes: '{{n}} 分钟', hours: '{{n}} 小时', days: '{{n}} 天' },
  },
};
