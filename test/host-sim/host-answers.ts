import type { FieldValue, IsoMessage } from '../../electron/acquirer/iso8583/codec';
import { text } from '../../electron/acquirer/iso8583/codec';
import { MTI, NMI, PROC, TX_TYPE, answerMti } from '../../electron/acquirer/iso8583/messages';
import { SETTLEMENT_MTI, SETTLEMENT_NMI } from '../../electron/acquirer/iso8583/settlement-messages';

/** What kind of request a host sees, from MTI, processing code and field 60 (see messages.ts). */
export type RequestKind = 'sign-on' | 'echo' | 'inquiry' | 'sale' | 'void' | 'refund' | 'advice' | 'reversal' | 'settlement' | 'batch-upload' | 'batch-upload-end' | 'unknown';

export const classify = (m: IsoMessage): RequestKind => {
  const f60 = text(m, 60);
  const type = f60.slice(0, 2);
  const nmi = f60.slice(8, 11);
  const proc = text(m, 3);
  switch (m.mti) {
    case MTI.signOn:
      return nmi === NMI.signOn ? 'sign-on' : 'unknown';
    case MTI.echo:
      return nmi === NMI.echo ? 'echo' : nmi === NMI.inquiry ? 'inquiry' : 'unknown';
    case MTI.financial:
      if (proc === PROC.goods && type === TX_TYPE.sale) return 'sale';
      return proc === PROC.credit && type === TX_TYPE.void ? 'void' : 'unknown';
    case MTI.advice:
    case MTI.adviceRepeat:
      if (proc === PROC.credit && type === TX_TYPE.refund) return 'refund';
      return proc === PROC.goods && type === TX_TYPE.offline ? 'advice' : 'unknown';
    case MTI.reversal:
    case MTI.reversalRepeat:
      return 'reversal';
    case SETTLEMENT_MTI.settlement:
      return nmi === SETTLEMENT_NMI.settle ? 'settlement' : 'unknown';
    case SETTLEMENT_MTI.batchUpload:
      return nmi === SETTLEMENT_NMI.settle ? 'batch-upload' : nmi === SETTLEMENT_NMI.uploadEnd ? 'batch-upload-end' : 'unknown';
    default:
      return 'unknown';
  }
};

export const MAC_KINDS: ReadonlySet<RequestKind> = new Set(['sale', 'void', 'refund', 'advice', 'reversal', 'inquiry']);

const two = (n: number): string => String(n).padStart(2, '0');

export interface AnswerFields {
  code: string;
  authCode?: string | null;
  rrn?: string | null;
  batch?: string;
  field48?: string;
  field62?: Uint8Array;
  field63?: string;
  mac: boolean;
}

/** The host's answer: MTI + 10, the request's identifying fields echoed, time, RRN, auth code, code. */
export const answerFor = (request: IsoMessage, a: AnswerFields, now = new Date()): IsoMessage => {
  const fields = new Map<number, FieldValue>();
  for (const f of [3, 4, 11, 25, 41, 42, 49, 60, 61]) {
    const v = request.fields.get(f);
    if (v !== undefined) fields.set(f, v);
  }
  fields.set(12, `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`);
  fields.set(13, `${two(now.getMonth() + 1)}${two(now.getDate())}`);
  fields.set(15, `${two(now.getMonth() + 1)}${two(now.getDate())}`);
  if (a.batch) fields.set(60, `${text(request, 60).slice(0, 2) || '00'}${a.batch}${text(request, 60).slice(8, 11) || '000'}`);
  if (a.rrn) fields.set(37, a.rrn.padStart(12, '0').slice(-12));
  if (a.authCode) fields.set(38, a.authCode.padEnd(6, ' ').slice(0, 6));
  fields.set(39, a.code);
  if (a.field48) fields.set(48, a.field48);
  if (a.field62) fields.set(62, a.field62);
  if (a.field63) fields.set(63, a.field63);
  if (a.mac) fields.set(64, new Uint8Array(8));
  return { mti: answerMti(request.mti), fields };
};
