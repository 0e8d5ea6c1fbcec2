import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkCard, OriginalRef } from '../../../shared/ports/acquirer-link';
import type { IsoMessage } from './codec';
import * as msg from './messages';
import type { Envelope } from './messages';

/** Shared by the codec, fuzz and link tests (not shipped: only tests import it). */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/iso8583/', import.meta.url));

/** A fixture frame: hex text, whitespace ignored, `#` comments. */
export const loadHex = (name: string): Uint8Array => {
  const hex = readFileSync(join(FIXTURES, name), 'utf8').replace(/#.*$/gm, '').replace(/\s+/g, '');
  if (!/^([0-9A-Fa-f]{2})*$/.test(hex)) throw new Error(`${name} is not hex`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
};

export const SENTINEL_PAN = '6212345678901232';
export const sentinelCard = (): LinkCard => ({ pan: SENTINEL_PAN, expiry: '2912', serviceCode: '101', track2: `${SENTINEL_PAN}=2912101000000000`, entryMode: 'hid-swipe' });
export const FIXTURE_MAK = Uint8Array.from(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'));
export const envelope = (stan = '000002'): Envelope => ({ stan, batch: '000001', identity: { terminalId: '10000001', merchantId: '898100000000001' } });
export const original = (): OriginalRef => ({ saleId: '019a0000-0000-7000-8000-000000000001', stan: '000002', rrn: '000001000002', authCode: '123456', amountFen: 1250, batch: '000001', at: Date.UTC(2026, 10, 23, 4, 0, 0) });

/** One request of every kind the console sends. */
export const everyRequest = (): Array<[string, IsoMessage]> => {
  const e = envelope();
  return [
    ['sign-on 0800', msg.signOnRequest(e)],
    ['echo 0820', msg.echoRequest(e)],
    ['sale 0200', msg.saleRequest(e, 1250, sentinelCard())],
    ['void 0200', msg.voidRequest(e, 1250, original(), null)],
    ['refund 0220', msg.refundRequest(e, 500, original(), null)],
    ['refund 0220 with card', msg.refundRequest(e, 500, original(), sentinelCard())],
    ['advice 0220', msg.adviceRequest(e, 8800, sentinelCard(), Date.UTC(2026, 10, 23, 3, 0, 0))],
    ['reversal 0400', msg.reversalRequest(e, 1250, 'sale', '98', false)],
    ['reversal 0401', msg.reversalRequest(e, 1250, 'void', 'A0', true)],
    ['inquiry 0820', msg.inquiryRequest(e, { stan: '000002', batch: '000001', amountFen: 1250, at: Date.UTC(2026, 10, 23) })],
  ];
};
