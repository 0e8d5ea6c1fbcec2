import type { ReceiptLanguage } from './receipt-input';

/**
 * Receipt wording. Slips in China print Chinese with English beside it (the bilingual
 * default); a shop may choose one language. Kept here, not in the renderer's i18n, because
 * the receipt is a document of record that must print the same whatever the screen language.
 */
const LABELS = {
  slipTitle: ['签购单', 'SALES SLIP'],
  merchantCopy: ['商户存根', 'MERCHANT COPY'],
  customerCopy: ['持卡人存根', 'CARDHOLDER COPY'],
  supplementaryCopy: ['补签', 'SUPPLEMENTARY SIGNATURE'],
  testCopy: ['测试打印 非交易凭证', 'TEST PRINT - NOT A RECEIPT'],
  reprint: ['重打印', 'REPRINT'],
  originalTime: ['原交易时间', 'ORIGINAL TIME'],
  reprintTime: ['重打印时间', 'REPRINTED AT'],
  offline: ['离线交易', 'OFFLINE SALE'],
  offlineNote: ['离线受理，联网后上送；授权码和参考号上送后返回', 'Accepted offline; sent to the card host when the link returns. Auth code and ref. no. follow after upload.'],
  afterUpload: ['上送后返回', 'AFTER UPLOAD'],
  originalSale: ['原交易', 'ORIGINAL SALE'],
  originalBatch: ['原批次号', 'ORIG. BATCH'],
  originalStan: ['原凭证号', 'ORIG. TRACE'],
  originalAuth: ['原授权码', 'ORIG. AUTH'],
  originalRrn: ['原参考号', 'ORIG. REF NO.'],
  originalAmount: ['原交易金额', 'ORIG. AMOUNT'],
  supplementaryTime: ['补签时间', 'SIGNED AT'],
  merchantId: ['商户编号', 'MID'],
  terminalId: ['终端编号', 'TID'],
  operator: ['操作员', 'OPERATOR'],
  time: ['日期时间', 'DATE/TIME'],
  brand: ['卡类别', 'CARD'],
  cardNo: ['卡号', 'CARD NO.'],
  entryMode: ['输入方式', 'ENTRY'],
  saleType: ['交易类型', 'TYPE'],
  batch: ['批次号', 'BATCH'],
  stan: ['凭证号', 'TRACE'],
  authCode: ['授权码', 'AUTH'],
  rrn: ['参考号', 'REF NO.'],
  amount: ['金额', 'AMOUNT'],
  signature: ['持卡人签名', 'CARDHOLDER SIGNATURE'],
  agreement: ['本人确认以上交易，同意将其记入本卡账户', 'I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES'],
  pinVerified: ['密码验证 免签名', 'PIN VERIFIED - NO SIGNATURE REQUIRED'],
  exempt: ['免签', 'SIGNATURE EXEMPT'],
  featureCode: ['特征码', 'FEATURE CODE'],
  reference: ['交易参考', 'SALE REFERENCE'],
  sale: ['消费', 'SALE'],
  refund: ['退货', 'REFUND'],
  void: ['撤销', 'VOID'],
  swipe: ['刷卡', 'SWIPE'],
  keyboardSwipe: ['刷卡(键盘)', 'SWIPE (KBD)'],
  testTitle: ['打印机测试', 'PRINTER TEST'],
  testCharacters: ['中文字符', 'CHARACTERS'],
  testQr: ['二维码', 'QR CODE'],
  testPaper: ['纸宽', 'PAPER'],
  widthCheck: ['纸宽检查：两端标记应完整打印', 'WIDTH CHECK: BOTH END MARKS MUST PRINT'],
  deviceKeyTitle: ['设备签名公钥', 'DEVICE SIGNING KEY'],
  deviceId: ['设备编号', 'DEVICE ID'],
  keyFingerprint: ['公钥指纹 SHA-256', 'KEY FINGERPRINT SHA-256'],
  verifierKey: ['验证密钥', 'VERIFIER KEY'],
  deviceKeyNote: ['请将本单交给收单机构或银行，用于核验本机签发的电子证据', 'HAND THIS SLIP TO YOUR BANK TO CHECK EVIDENCE SIGNED BY THIS CONSOLE'],
} as const satisfies Record<string, readonly [string, string]>;

export type LabelKey = keyof typeof LABELS;

export const label = (key: LabelKey, language: ReceiptLanguage): string => {
  const [zh, en] = LABELS[key];
  if (language === 'zh-CN') return zh;
  if (language === 'en') return en;
  return `${zh} ${en}`;
};

const BRANDS: Record<string, readonly [string, string]> = {
  unionpay: ['银联', 'UnionPay'],
  visa: ['维萨', 'VISA'],
  mastercard: ['万事达', 'Mastercard'],
  amex: ['美国运通', 'AMEX'],
  jcb: ['JCB', 'JCB'],
  discover: ['发现', 'Discover'],
  diners: ['大来', 'Diners'],
  unknown: ['其他', 'OTHER'],
};

/** A card brand code as printed; an unknown code prints as given. */
export const brandName = (brand: string, language: ReceiptLanguage): string => {
  const names = BRANDS[brand];
  if (!names) return brand;
  if (language === 'zh-CN') return names[0];
  if (language === 'en' || names[0] === names[1]) return names[1];
  return `${names[0]} ${names[1]}`;
};

/** Entry modes the console records; others print as given. */
export const entryModeName = (mode: string, language: ReceiptLanguage): string => {
  if (mode === 'hid-swipe') return label('swipe', language);
  if (mode === 'keyboard-swipe') return label('keyboardSwipe', language);
  return mode;
};

/** A label as separate lines (bilingual: Chinese, then English) for long statements. */
export const labelLines = (key: LabelKey, language: ReceiptLanguage): string[] => {
  const [zh, en] = LABELS[key];
  if (language === 'zh-CN') return [zh];
  if (language === 'en') return [en];
  return [zh, en];
};
