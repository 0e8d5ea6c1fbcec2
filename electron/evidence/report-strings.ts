import type { SignatureProblem } from '../../shared/domain/sale/signature-check';

/**
 * The report's wording in both languages. The report is a document of record, written by
 * main, so its text lives beside it rather than in the renderer's i18n namespaces.
 */
export type ReportLanguage = 'zh-CN' | 'en';

const EN = {
  title: 'Transaction evidence report',
  intro: 'This report is part of a signed evidence bundle. The last page explains how to check that nothing in the bundle was changed.',
  merchant: 'Merchant',
  address: 'Address',
  merchantId: 'Merchant no.',
  terminalId: 'Terminal no.',
  reference: 'Reference',
  case: 'Dispute case',
  madeAt: 'Made at',
  device: 'Device',
  salesCount: 'Sales in this report',
  timeZone: 'Times are shown in',
  saleHeading: 'Sale {n}',
  saleId: 'Sale id',
  type: 'Type',
  amount: 'Amount',
  state: 'Outcome',
  card: 'Card',
  chip: 'chip card',
  authCode: 'Auth code',
  rrn: 'Reference no. (RRN)',
  stan: 'Trace no. (STAN)',
  batch: 'Batch',
  operator: 'Operator',
  link: 'Taken by',
  channel: 'Path',
  offlineQueuedAt: 'Accepted offline at',
  forwardedAt: 'Forwarded at',
  saleReference: 'Sale reference',
  note: 'Note',
  signatureState: 'Signature',
  time: 'Time',
  hostHeading: 'The card host’s answer',
  noHost: 'No exchange with the card host is recorded for this sale.',
  exchange: '{purpose}: {request} → {response}, processing code {proc}, {amount}, STAN {stan}, RRN {rrn}, auth {auth}; sent {sent}, answered {answered}',
  response: 'Response {code}: {meaning} Next step: {action}',
  noAnswer: 'no answer',
  signaturesHeading: 'Signatures',
  noSignature: 'No signature is recorded for this sale.',
  signatureLine: '{kind}, taken {time}',
  featureCode: 'Feature code',
  verified: 'Verification: the signature matches the sale (digest, record and audit log).',
  notVerified: 'Verification failed:',
  reason: 'Reason',
  approvedBy: 'Approved by manager',
  receiptsHeading: 'Receipts as printed',
  noReceipts: 'No receipt print is recorded for this sale.',
  receiptCaption: '{copy}{reprint}, printed {time}, {outcome}',
  reprint: ' — REPRINT {n}',
  casesHeading: 'Dispute cases and notes',
  caseLine: '{type} ({state}), opened {time}: {notes}',
  attachmentsHeading: 'Attachments',
  attachmentLine: '{name} ({type}, {size} bytes) — {file}, SHA-256 {sha}…',
  auditHeading: 'Audit log excerpt',
  auditSummary: '{count} audit entries (#{first}–#{last}), each proved by an RFC 9162 inclusion proof into the device-signed checkpoint of {size} entries.',
  auditLine: '#{seq} {time} {action} {result}',
  verifyHeading: 'How to verify this bundle',
  verifyIntro: 'The bundle is a ZIP holding a BagIt 1.0 bag. Every file’s SHA-256 is listed in manifest-sha256.txt and in a statement signed with this device’s Ed25519 key (evidence.dsse.json, key in device-key.pem).',
  fingerprint: 'Device key fingerprint (SHA-256 of the public key). Compare it with the fingerprint the shop gave you:',
  step1: '1. With Countersign’s verifier: npm run verify-evidence -- <bundle.zip> --trusted-key <fingerprint>. It prints one line per problem and ends with OK when every check holds.',
  step2: '2. With standard tools: unzip the bundle; bagit.py --validate <folder> (or sha256sum -c manifest-sha256.txt inside it) checks every file; openssl pkey -pubin -in device-key.pem -outform DER | sha256sum gives the fingerprint, and openssl pkeyutl -verify -pubin -inkey device-key.pem -rawin checks the DSSE signature over its PAE (see the README’s “Evidence bundles”).',
  step3: '3. data/audit/excerpt.json holds the audit entries of these sales with their inclusion proofs into the signed checkpoint: the verifier checks each entry’s hash, their links and the proofs.',
  pageOf: 'Page {n}',
  yes: 'yes',
  none: '—',
} as const;

export type ReportKey = keyof typeof EN;

const ZH: Record<ReportKey, string> = {
  title: '交易证据报告',
  intro: '本报告是已签名证据包的一部分。最后一页说明如何核验证据包中的文件未被改动。',
  merchant: '商户',
  address: '地址',
  merchantId: '商户编号',
  terminalId: '终端编号',
  reference: '编号',
  case: '争议案件',
  madeAt: '生成时间',
  device: '设备',
  salesCount: '本报告交易笔数',
  timeZone: '时间按此时区显示',
  saleHeading: '第 {n} 笔',
  saleId: '交易编号',
  type: '交易类型',
  amount: '金额',
  state: '结果',
  card: '卡',
  chip: '芯片卡',
  authCode: '授权码',
  rrn: '参考号（RRN）',
  stan: '凭证号（STAN）',
  batch: '批次号',
  operator: '操作员',
  link: '受理通道',
  channel: '方式',
  offlineQueuedAt: '离线受理时间',
  forwardedAt: '上送时间',
  saleReference: '交易参考',
  note: '备注',
  signatureState: '签名',
  time: '时间',
  hostHeading: '收单主机应答',
  noHost: '本笔交易没有与收单主机往来的记录。',
  exchange: '{purpose}：{request} → {response}，处理码 {proc}，{amount}，凭证号 {stan}，参考号 {rrn}，授权码 {auth}；发出 {sent}，应答 {answered}',
  response: '应答码 {code}：{meaning} 下一步：{action}',
  noAnswer: '无应答',
  signaturesHeading: '签名',
  noSignature: '本笔交易没有签名记录。',
  signatureLine: '{kind}，签于 {time}',
  featureCode: '特征码',
  verified: '校验：签名与交易一致（摘要、记录与审计日志）。',
  notVerified: '校验未通过：',
  reason: '原因',
  approvedBy: '批准主管',
  receiptsHeading: '打印的签购单',
  noReceipts: '本笔交易没有打印记录。',
  receiptCaption: '{copy}{reprint}，打印于 {time}，{outcome}',
  reprint: ' — 重打印 {n}',
  casesHeading: '争议案件与备注',
  caseLine: '{type}（{state}），立案 {time}：{notes}',
  attachmentsHeading: '附件',
  attachmentLine: '{name}（{type}，{size} 字节）— {file}，SHA-256 {sha}…',
  auditHeading: '审计日志摘录',
  auditSummary: '共 {count} 条审计记录（#{first}–#{last}），每条均附 RFC 9162 包含证明，证明其在设备签名的检查点（共 {size} 条）之中。',
  auditLine: '#{seq} {time} {action} {result}',
  verifyHeading: '如何核验本证据包',
  verifyIntro: '证据包是一个 ZIP 文件，内含 BagIt 1.0 数据包。每个文件的 SHA-256 列在 manifest-sha256.txt 中，并写入由本设备 Ed25519 密钥签名的声明（evidence.dsse.json，公钥见 device-key.pem）。',
  fingerprint: '设备密钥指纹（公钥的 SHA-256）。请与商户提供的指纹核对：',
  step1: '1. 使用 Countersign 校验工具：npm run verify-evidence -- <证据包.zip> --trusted-key <指纹>。每个问题输出一行，全部通过时输出 OK。',
  step2: '2. 使用通用工具：解压证据包；bagit.py --validate <目录>（或在目录中运行 sha256sum -c manifest-sha256.txt）核验每个文件；openssl pkey -pubin -in device-key.pem -outform DER | sha256sum 计算指纹，openssl pkeyutl -verify -pubin -inkey device-key.pem -rawin 核验 DSSE 签名（见 README 的 “Evidence bundles” 一节）。',
  step3: '3. data/audit/excerpt.json 含这些交易的审计记录及其在签名检查点中的包含证明：校验工具核对每条记录的哈希、前后链接与证明。',
  pageOf: '第 {n} 页',
  yes: '是',
  none: '—',
};

const TEXT: Record<ReportLanguage, Record<ReportKey, string>> = { en: EN, 'zh-CN': ZH };

export const reportText = (lang: ReportLanguage, key: ReportKey, vars: Record<string, string | number> = {}): string =>
  TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));

const WORDS: Record<ReportLanguage, Record<string, string>> = {
  en: {
    sale: 'Sale', refund: 'Refund', void: 'Void', approved: 'Approved', declined: 'Declined', 'offline-accepted': 'Accepted offline', unknown: 'Outcome unknown', reversed: 'Reversed', voided: 'Voided', cancelled: 'Cancelled',
    created: 'Created', 'card-read': 'Card read', authorizing: 'Authorizing',
    signed: 'Signed', waived: 'Waived', unsigned: 'Not signed', pending: 'Pending', 'not-required': 'Not required',
    original: 'Customer’s signature', supplementary: 'Supplementary signature (补签)', paper: 'Signed on paper', exemption: 'Signature exempted', exception: 'Registered with an explanation (登记并说明)',
    merchant: 'Merchant copy', customer: 'Customer copy', confirmed: 'confirmed by the printer', online: 'online', offline: 'offline', ok: 'ok', fail: 'failed',
    'hid-swipe': 'swiped (USB reader)', 'keyboard-swipe': 'swiped (keyboard reader)', open: 'open', closed: 'closed',
    reversal: 'Reversal', advice: 'Offline advice', inquiry: 'Status inquiry', 'sign-on': 'Sign-on',
    'failed-but-charged': 'Failed but charged', 'wrong-amount': 'Wrong amount', 'duplicate-charge': 'Duplicate charge', 'refund-not-received': 'Refund not received', 'card-info-error': 'Card information error', 'system-fault': 'System fault', other: 'Other',
    training: 'training simulator',
  },
  'zh-CN': {
    sale: '消费', refund: '退货', void: '撤销', approved: '已批准', declined: '被拒绝', 'offline-accepted': '离线受理', unknown: '结果未知', reversed: '已冲正', voided: '已撤销', cancelled: '已取消',
    created: '已创建', 'card-read': '已读卡', authorizing: '授权中',
    signed: '已签名', waived: '免签', unsigned: '未签名', pending: '待签名', 'not-required': '无需签名',
    original: '持卡人签名', supplementary: '补签', paper: '纸质签名', exemption: '免签（主管批准）', exception: '登记并说明',
    merchant: '商户存根', customer: '持卡人存根', confirmed: '打印机已确认', online: '联机', offline: '离线', ok: '成功', fail: '失败',
    'hid-swipe': '刷卡（USB 读卡器）', 'keyboard-swipe': '刷卡（键盘式读卡器）', open: '处理中', closed: '已结案',
    reversal: '冲正', advice: '离线通知', inquiry: '状态查询', 'sign-on': '签到',
    'failed-but-charged': '交易失败但已扣款', 'wrong-amount': '金额不符', 'duplicate-charge': '重复扣款', 'refund-not-received': '退款未到账', 'card-info-error': '卡信息错误', 'system-fault': '系统故障', other: '其他',
    training: '培训模拟主机',
  },
};

/** A stored code (state, kind, copy) in words; unknown codes are shown as they are. */
export const reportWord = (lang: ReportLanguage, code: string): string => WORDS[lang][code] ?? code;

const show = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** A signature check's problem in words, with the field, old and new value where there are some. */
export const problemText = (lang: ReportLanguage, p: SignatureProblem): string => {
  const zh = lang === 'zh-CN';
  switch (p.code) {
    case 'data-changed':
      if (p.fields.length === 0) return zh ? '签名后交易数据被改动（旧记录未保存签名时的字段，无法指出具体字段）。' : 'The sale’s data changed after signing (an older record without the signed fields, so the field cannot be named).';
      return p.fields.map((f) => (zh ? `签名后交易数据被改动：${f.field} 签名时为 ${show(f.signed)}，现在为 ${show(f.now)}。` : `The sale’s data changed after signing: ${f.field} was ${show(f.signed)} when signed, now ${show(f.now)}.`)).join(' ');
    case 'record-missing':
      return zh ? '签名记录缺失。' : 'The signature record is missing.';
    case 'strokes-missing':
      return zh ? '签名笔迹缺失或已损坏。' : 'The signature’s strokes are missing or damaged.';
    case 'record-damaged':
      return zh ? '签名记录已损坏（摘要与笔迹和签名字段不符）。' : 'The signature record is damaged (its digest does not match its strokes and signed fields).';
    case 'audit-missing':
      return zh ? '签名时的审计记录缺失。' : 'The audit entry of the signing is missing.';
    case 'audit-damaged':
      return zh ? '签名时的审计记录已被改动。' : 'The audit entry of the signing was changed.';
    case 'audit-not-checkpointed':
      return zh ? '签名时的审计记录未被已签名的检查点覆盖。' : 'The audit entry of the signing is not covered by a signed checkpoint.';
    case 'checkpoint-foreign-key':
      return zh ? '检查点不是由本设备的密钥签名的。' : 'The checkpoint was signed by a key that is not this device’s.';
    case 'host-mac-rejected':
      return zh ? `主机拒绝了 MAC（应答码 ${p.responseCode}）：需重新签到。` : `The host rejected the MAC (response ${p.responseCode}): sign on again.`;
  }
};
