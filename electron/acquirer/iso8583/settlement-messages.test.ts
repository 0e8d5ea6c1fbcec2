import { describe, expect, it } from 'vitest';
import { answerFor, classify } from '../../../test/host-sim/host-answers';
import { decodeMessage, encodeMessage } from './codec';
import { Iso8583Error } from './errors';
import { encodeFrame, frameConfig } from './framing';
import { batchUploadEndRequest, batchUploadRequest, parseSettlementTotals, readSettlementAnswer, settlementRequest, settlementTotals } from './settlement-messages';
import { envelope, loadHex } from './test-support';

const config = frameConfig('6000030000', '603100000000');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const domestic = { debitCount: 5, debitFen: 100_000, creditCount: 1, creditFen: 25_600 };
const foreign = { debitCount: 1, debitFen: 8_800, creditCount: 0, creditFen: 0 };
const sale = { saleId: '019a0000-0000-7000-8000-000000000012', kind: 'sale' as const, stan: '000012', amountFen: 12_345, rrn: '000001000012', authCode: '123456', at: Date.UTC(2026, 10, 23, 4, 0, 0) };

describe('end-of-day messages, byte for byte', () => {
  it('settlement 0500 with domestic and foreign totals', () => {
    expect(hex(encodeFrame(encodeMessage(settlementRequest(envelope('000003'), domestic, foreign)), config))).toBe(hex(loadHex('settlement-0500.hex')));
  });

  it('batch upload 0320 of one sale, no card number', () => {
    const m = batchUploadRequest(envelope('000004'), sale);
    expect(hex(encodeFrame(encodeMessage(m), config))).toBe(hex(loadHex('batch-upload-0320.hex')));
    expect(m.fields.has(2)).toBe(false);
    expect(m.fields.has(35)).toBe(false);
  });

  it('batch upload finished 0320 with the count', () => {
    expect(hex(encodeFrame(encodeMessage(batchUploadEndRequest(envelope('000005'), 1)), config))).toBe(hex(loadHex('batch-upload-end-0320.hex')));
  });

  it('voids, refunds and advices upload with their processing code and type', () => {
    const kinds = (['void', 'refund', 'advice'] as const).map((kind) => {
      const m = decodeMessage(encodeMessage(batchUploadRequest(envelope(), { ...sale, kind })));
      return [m.fields.get(3), String(m.fields.get(60)).slice(0, 2)];
    });
    expect(kinds).toEqual([
      ['200000', '23'],
      ['200000', '25'],
      ['000000', '30'],
    ]);
  });

  it('refuses counts field 48 cannot carry', () => {
    expect(() => settlementRequest(envelope(), { ...domestic, debitCount: 1000 }, foreign)).toThrow(Iso8583Error);
  });
});

describe('the host’s answer', () => {
  it('reads the verdict per section and the settlement date', () => {
    const request = settlementRequest(envelope('000003'), domestic, foreign);
    const answer = answerFor(request, { code: '00', field48: settlementTotals(domestic, foreign, ['1', '2']), mac: false }, new Date(2026, 10, 24, 1, 0, 0));
    const back = decodeMessage(encodeMessage(answer));
    expect(back.mti).toBe('0510');
    expect(readSettlementAnswer(back)).toEqual({ domestic: 'balanced', foreign: 'unbalanced', settleDate: '1124' });
    expect(parseSettlementTotals(String(back.fields.get(48)))).toEqual({ domestic, foreign });
  });

  it('a missing or short field 48 reads as an error, never as balanced', () => {
    const request = settlementRequest(envelope(), domestic, foreign);
    expect(readSettlementAnswer(decodeMessage(encodeMessage(answerFor(request, { code: '00', mac: false })))).domestic).toBe('error');
  });

  it('the host tells the three requests apart', () => {
    expect([settlementRequest(envelope(), domestic, foreign), batchUploadRequest(envelope(), sale), batchUploadEndRequest(envelope(), 3)].map(classify)).toEqual(['settlement', 'batch-upload', 'batch-upload-end']);
  });
});
