import { label } from './labels';
import { centre, escapeText, left, pairLines, receiptColumns, ruleLine, wrapText } from './markup';
import { receiptHeader } from './build-receipt';
import { formatReceiptTime } from './receipt-time';

export interface DeviceKeySlipInput {
  shopName: string;
  terminalId: string;
  deviceId: string;
  /** Hex SHA-256 of the raw Ed25519 public key. */
  fingerprint: string;
  verifierKey: string;
  time: number;
  paper: 58 | 80;
  timeZone?: string;
}

/** Groups of four hex digits, so a person can read the fingerprint aloud and compare it. */
const grouped = (hex: string): string => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/** The slip the shop hands to its bank: which key signs this console's evidence (bilingual). */
export const buildDeviceKeySlip = (input: DeviceKeySlipInput): string => {
  const columns = receiptColumns(input.paper);
  const wrapped = (text: string): string[] => wrapText(text, columns).map((part) => left(escapeText(part)));
  return [
    receiptHeader(columns),
    centre(`\`${escapeText(` ${label('deviceKeyTitle', 'bilingual')} `)}\``),
    centre(`^^${escapeText(input.shopName)}`),
    ruleLine(columns),
    ...pairLines(label('terminalId', 'bilingual'), input.terminalId, columns),
    ...pairLines(label('time', 'bilingual'), formatReceiptTime(input.time, input.timeZone ?? 'Asia/Shanghai'), columns),
    ...wrapped(`${label('deviceId', 'bilingual')}:`),
    ...wrapped(input.deviceId),
    ruleLine(columns),
    ...wrapped(`${label('keyFingerprint', 'bilingual')}:`),
    ...wrapped(grouped(input.fingerprint)),
    ruleLine(columns),
    ...wrapped(`${label('verifierKey', 'bilingual')}:`),
    ...wrapped(input.verifierKey),
    ruleLine(columns),
    ...wrapped(label('deviceKeyNote', 'zh-CN')),
    ...wrapped(label('deviceKeyNote', 'en')),
    '',
    '',
  ].join('\n');
};
