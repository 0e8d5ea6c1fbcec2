import type { LinkCard, OriginalRef, ReversibleKind } from '../../../shared/ports/acquirer-link';
import { encodeMessage, text } from './codec';
import type { FieldValue, IsoMessage } from './codec';
import { Iso8583Error } from './errors';
import { macEquals } from './mac';
import type { MacAlgorithm } from './mac';

/**
 * The messages this console exchanges, after the UnionPay POS transaction table
 * (中国银联 POS 终端消息域说明 §1: MTI, processing code 3, condition code 25, type 60.1):
 *
 * | transaction            | MTI (answer) | 3      | 60.1 | 60.3 | MAC | notes                                   |
 * |------------------------|--------------|--------|------|------|-----|-----------------------------------------|
 * | sign-on                | 0800 (0810)  |        | 00   | 003  | no  | 0810: 62 = working keys, 60.2 = batch    |
 * | echo (回响测试)         | 0820 (0830)  |        | 00   | 301  | no  |                                         |
 * | sale (消费)             | 0200 (0210)  | 000000 | 22   | 000  | yes | 2, 14, 22 = 022, 35 (swipe)              |
 * | void (消费撤销)          | 0200 (0210)  | 200000 | 23   | 000  | yes | 37/38 original RRN/auth, 61 original     |
 * | refund (退货)           | 0220 (0230)  | 200000 | 25   | 000  | yes | 37 original RRN, 61 original; no reversal|
 * | offline advice (离线结算)| 0220/0221 (0230) | 000000 | 30 | 000 | yes | 12/13 = when accepted offline; 0221 = repeat, same STAN |
 * | reversal (冲正)         | 0400/0401 (0410) | original | original | 000 | yes | 11 = the original's STAN, 39 = reason |
 * | inquiry (ours)          | 0820 (0830)  |        | 00   | 901  | yes | private: 61 original; 0830 39 = 00 found / 25 not found, 63 = the original's code |
 *
 * Field 61 = original batch (6) + original STAN (6) + original date MMDD (4). Field 22 = 022
 * (magstripe, terminal cannot take a PIN) or 012 (by reference, no card). Refunds follow UnionPay
 * (0220, not reversible); the inquiry is our own extension — agree it with the acquirer or turn
 * inquiry off and rely on reversal alone.
 */
export const MTI = {
  signOn: '0800',
  echo: '0820',
  financial: '0200',
  advice: '0220',
  adviceRepeat: '0221',
  reversal: '0400',
  reversalRepeat: '0401',
} as const;

export const TX_TYPE = { network: '00', sale: '22', void: '23', refund: '25', offline: '30' } as const;
export const NMI = { signOn: '003', echo: '301', inquiry: '901', none: '000' } as const;
export const PROC = { goods: '000000', credit: '200000' } as const;
const CNY = '156';

/** 0200 → 0210, 0400/0401 → 0410. */
export const answerMti = (mti: string): string => `${mti.slice(0, 2)}${Number(mti[2] ?? '0') + 1}0`;

export interface TerminalIdentity {
  terminalId: string;
  merchantId: string;
}

export interface Envelope {
  stan: string;
  batch: string;
  identity: TerminalIdentity;
}

const pad = (value: string, length: number): string => value.slice(0, length).padEnd(length, ' ');
const amount = (fen: number): string => String(fen).padStart(12, '0');
const mmdd = (at: Date): string => `${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
const hhmmss = (at: Date): string => [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
const field60 = (type: string, batch: string, nmi: string): string => `${type}${batch}${nmi}`;

const base = (e: Envelope, type: string, nmi: string): Map<number, FieldValue> =>
  new Map<number, FieldValue>([
    [11, e.stan],
    [41, pad(e.identity.terminalId, 8)],
    [42, pad(e.identity.merchantId, 15)],
    [60, field60(type, e.batch, nmi)],
  ]);

const withCard = (fields: Map<number, FieldValue>, card: LinkCard | null): Map<number, FieldValue> => {
  if (!card) {
    fields.set(22, '012');
    return fields;
  }
  fields.set(2, card.pan);
  if (/^\d{4}$/.test(card.expiry)) fields.set(14, card.expiry);
  fields.set(22, '022');
  fields.set(35, card.track2);
  return fields;
};

/** Placeholder for field 64; `sealMac` writes the real value. */
const MAC_SLOT = new Uint8Array(8);

export const signOnRequest = (e: Envelope): IsoMessage => ({ mti: MTI.signOn, fields: base(e, TX_TYPE.network, NMI.signOn) });

export const echoRequest = (e: Envelope): IsoMessage => ({ mti: MTI.echo, fields: base(e, TX_TYPE.network, NMI.echo) });

export const saleRequest = (e: Envelope, amountFen: number, card: LinkCard): IsoMessage => {
  const f = withCard(base(e, TX_TYPE.sale, NMI.none), card);
  f.set(3, PROC.goods).set(4, amount(amountFen)).set(25, '00').set(49, CNY).set(64, MAC_SLOT);
  return { mti: MTI.financial, fields: f };
};

const originalData = (o: OriginalRef, fallbackBatch: string): string =>
  `${o.batch && /^\d{6}$/.test(o.batch) ? o.batch : fallbackBatch}${/^\d{6}$/.test(o.stan) ? o.stan : '000000'}${mmdd(new Date(o.at ?? Date.now()))}`;

const references = (f: Map<number, FieldValue>, o: OriginalRef, withAuth: boolean): void => {
  const rrn = o.rrn.trim();
  if (/^[0-9A-Za-z]{1,12}$/.test(rrn)) f.set(37, rrn.padStart(12, '0'));
  const auth = o.authCode.trim();
  if (withAuth && /^[0-9A-Za-z ]{1,6}$/.test(auth)) f.set(38, auth.padEnd(6, ' '));
};

export const voidRequest = (e: Envelope, amountFen: number, original: OriginalRef, card: LinkCard | null): IsoMessage => {
  const f = withCard(base(e, TX_TYPE.void, NMI.none), card);
  f.set(3, PROC.credit).set(4, amount(amountFen)).set(25, '00').set(49, CNY).set(61, originalData(original, e.batch)).set(64, MAC_SLOT);
  references(f, original, true);
  return { mti: MTI.financial, fields: f };
};

export const refundRequest = (e: Envelope, amountFen: number, original: OriginalRef, card: LinkCard | null): IsoMessage => {
  const f = withCard(base(e, TX_TYPE.refund, NMI.none), card);
  f.set(3, PROC.credit).set(4, amount(amountFen)).set(25, '00').set(49, CNY).set(61, originalData(original, e.batch)).set(64, MAC_SLOT);
  references(f, original, false);
  return { mti: MTI.advice, fields: f };
};

/** `repeat`: an earlier attempt may have reached the host (0221, same STAN): the host answers it as the same advice. */
export const adviceRequest = (e: Envelope, amountFen: number, card: LinkCard, acceptedAt: number, repeat = false): IsoMessage => {
  const f = withCard(base(e, TX_TYPE.offline, NMI.none), card);
  const at = new Date(acceptedAt);
  f.set(3, PROC.goods).set(4, amount(amountFen)).set(12, hhmmss(at)).set(13, mmdd(at)).set(25, '00').set(49, CNY).set(64, MAC_SLOT);
  return { mti: repeat ? MTI.adviceRepeat : MTI.advice, fields: f };
};

const REVERSED: Record<ReversibleKind, { proc: string; type: string }> = {
  sale: { proc: PROC.goods, type: TX_TYPE.sale },
  void: { proc: PROC.credit, type: TX_TYPE.void },
  refund: { proc: PROC.credit, type: TX_TYPE.refund },
};

/** Field 11 carries the original's STAN: that is how the host finds what to reverse. */
export const reversalRequest = (e: Envelope, amountFen: number, kind: ReversibleKind, reasonCode: string, repeat: boolean): IsoMessage => {
  const { proc, type } = REVERSED[kind];
  const f = base(e, type, NMI.none);
  f.set(3, proc).set(4, amount(amountFen)).set(22, '012').set(25, '00').set(39, reasonCode).set(49, CNY).set(64, MAC_SLOT);
  return { mti: repeat ? MTI.reversalRepeat : MTI.reversal, fields: f };
};

export const inquiryRequest = (e: Envelope, original: { stan: string; batch: string; amountFen: number; at: number }): IsoMessage => {
  const f = base(e, TX_TYPE.network, NMI.inquiry);
  f.set(4, amount(original.amountFen)).set(61, `${original.batch}${original.stan}${mmdd(new Date(original.at))}`).set(64, MAC_SLOT);
  return { mti: MTI.echo, fields: f };
};

/** Which messages carry a MAC (field 64). */
export const carriesMac = (message: IsoMessage): boolean => {
  const family = message.mti.slice(0, 2);
  if (family === '02' || family === '04') return true;
  return family === '08' && text(message, 60).slice(8, 11) === NMI.inquiry;
};

/** Encodes with field 64 computed over everything before it (the MAB). */
export const encodeWithMac = (message: IsoMessage, mak: Uint8Array | null, mac: MacAlgorithm): Uint8Array => {
  if (!message.fields.has(64)) return encodeMessage(message);
  if ([...message.fields.keys()].some((f) => f > 64)) throw new Iso8583Error('bad-value', 'field 64 must be the last field', 64);
  if (!mak) throw new Iso8583Error('bad-value', 'no MAC key (not signed on)', 64);
  const body = encodeMessage({ mti: message.mti, fields: new Map(message.fields).set(64, MAC_SLOT) });
  body.set(mac.compute(mak, body.subarray(0, body.length - 8)), body.length - 8);
  return body;
};

/** True when field 64 matches the body; false when it is absent or wrong. */
export const macValid = (body: Uint8Array, message: IsoMessage, mak: Uint8Array | null, mac: MacAlgorithm): boolean => {
  const sent = message.fields.get(64);
  if (!(sent instanceof Uint8Array) || !mak || [...message.fields.keys()].some((f) => f > 64)) return false;
  return macEquals(sent, mac.compute(mak, body.subarray(0, body.length - 8)));
};

/** What an answer says, read by the terminal. */
export interface Answer {
  mti: string;
  stan: string;
  responseCode: string;
  authCode: string | null;
  rrn: string | null;
  /** 60.2 when present. */
  batch: string | null;
  hostTime: string | null;
}

const hostTime = (m: IsoMessage, now: Date): string | null => {
  const d = text(m, 13);
  const t = text(m, 12);
  if (!/^\d{4}$/.test(d) || !/^\d{6}$/.test(t)) return null;
  const iso = `${now.getFullYear()}-${d.slice(0, 2)}-${d.slice(2)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
};

export const readAnswer = (m: IsoMessage, now = new Date()): Answer => {
  const stan = text(m, 11);
  const responseCode = text(m, 39);
  if (!stan) throw new Iso8583Error('missing-field', 'the answer has no STAN', 11);
  if (!responseCode) throw new Iso8583Error('missing-field', 'the answer has no response code', 39);
  const f60 = text(m, 60);
  return {
    mti: m.mti,
    stan,
    responseCode,
    authCode: text(m, 38).trim() || null,
    rrn: text(m, 37).trim() || null,
    batch: /^\d{8}/.test(f60) ? f60.slice(2, 8) : null,
    hostTime: hostTime(m, now),
  };
};
