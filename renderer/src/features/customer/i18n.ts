export const customerStrings = {
  en: {
    welcome: 'Welcome',
    amount: 'Amount to pay',
    signHere: 'Please sign below',
    done: 'Done',
    clear: 'Clear',
    thanks: 'Thank you',
    open: 'Customer screen',
    openHint: 'Open this address on the customer-facing screen:',
    opened: 'Customer screen opened.',
  },
  'zh-CN': {
    welcome: '欢迎光临',
    amount: '应付金额',
    signHere: '请在下方签名',
    done: '签好了',
    clear: '重签',
    thanks: '谢谢惠顾',
    open: '顾客屏',
    openHint: '在面向顾客的屏幕上打开此地址：',
    opened: '顾客屏已打开。',
  },
};
