import { describe, expect, it } from 'vitest';
import { answerFor } from '../../../test/host-sim/host-answers';
import { packBcd, unpackBcd } from './bcd';
import { buildBitmap, readBitmap } from './bitmap';
import { decodeMessage, encodeMessage, text, tryDecodeMessage } from './codec';
import type { IsoMessage } from './codec';
import { Iso8583Error } from './errors';
import { UNIONPAY_POS_FIELDS } from './field-specs';
import { decodeFrame, encodeFrame, frameConfig } from './framing';
import { TEST_TMK, packWorkingKeys, unionPayEcbMac } from './mac';
import * as msg from './messages';
import { FIXTURE_MAK, envelope, everyRequest, loadHex, sentinelCard } from './test-support';

const config = frameConfig('6000030000', '603100000000');
const same = (a: IsoMessage, b: IsoMessage): void => {
  expect(b.mti).toBe(a.mti);
  expect([...b.fields.keys()]).toEqual([...a.fields.keys()].sort((x, y) => x - y));
  for (const [f, v] of a.fields) expect(b.fields.get(f), `field ${f}`).toEqual(v);
};
const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Iso8583Error) return error.reason;
    throw error;
  }
  return 'no error';
};

describe('packed BCD', () => {
  it('pads odd digit counts on the side the field asks for', () => {
    expect(Buffer.from(packBcd('022', 'left')).toString('hex')).toBe('0220');
    expect(Buffer.from(packBcd('022', 'right')).toString('hex')).toBe('0022');
    expect(unpackBcd(packBcd('022', 'left'), 3, 'left')).toBe('022');
    expect(unpackBcd(packBcd('12345', 'right'), 5, 'right')).toBe('12345');
  });

  it('carries the track separator as nibble D', () => {
    expect(Buffer.from(packBcd('12=34', 'left', true)).toString('hex')).toBe('12d340');
    expect(unpackBcd(Uint8Array.from([0x12, 0xd3, 0x40]), 5, 'left', true)).toBe('12=34');
  });

  it('refuses a letter nibble in a numeric field, naming it', () => {
    expect(reason(() => unpackBcd(Uint8Array.from([0x1a]), 2, 'left'))).toBe('bad-bcd');
  });
});

describe('bitmap', () => {
  it('sets bit 1 and adds the secondary bitmap only for fields above 64', () => {
    expect(Buffer.from(buildBitmap([2, 3, 4, 11, 64])).toString('hex')).toBe('7020000000000001');
    const both = buildBitmap([3, 90, 128]);
    expect(both).toHaveLength(16);
    expect(Buffer.from(both).toString('hex')).toBe('a0000000000000000000004000000001');
    expect(readBitmap(both, 0)).toEqual({ fields: [3, 90, 128], length: 16 });
  });
});

describe('round trip of every message the console sends and receives', () => {
  for (const [name, request] of everyRequest()) {
    it(`${name}: encode → frame → unframe → decode gives the same message`, () => {
      const body = msg.encodeWithMac(request, FIXTURE_MAK, unionPayEcbMac);
      const frame = decodeFrame(encodeFrame(body, config), 6);
      expect(Buffer.from(frame.tpdu).toString('hex')).toBe('6000030000');
      const back = decodeMessage(frame.body);
      expect(back.mti).toBe(request.mti);
      const expected = new Map(request.fields);
      if (request.fields.has(64)) expected.set(64, back.fields.get(64) as Uint8Array);
      same({ mti: request.mti, fields: expected }, back);
      expect(msg.carriesMac(request)).toBe(request.fields.has(64));
      if (request.fields.has(64)) expect(msg.macValid(frame.body, back, FIXTURE_MAK, unionPayEcbMac)).toBe(true);
    });

    it(`${name}: the host's answer round-trips too`, () => {
      const answer = answerFor(request, { code: '00', authCode: '123456', rrn: '000001000002', batch: '000007', field62: request.mti === '0800' ? packWorkingKeys(TEST_TMK, FIXTURE_MAK, FIXTURE_MAK) : undefined, field63: request.mti === '0820' ? '000' : undefined, mac: request.fields.has(64) });
      const body = msg.encodeWithMac(answer, FIXTURE_MAK, unionPayEcbMac);
      const back = decodeMessage(body);
      expect(back.mti).toBe(msg.answerMti(request.mti));
      expect(msg.readAnswer(back)).toMatchObject({ stan: '000002', responseCode: '00', authCode: '123456', rrn: '000001000002', batch: '000007' });
    });
  }

  it('keeps a field from the secondary bitmap', () => {
    const m: IsoMessage = { mti: '0200', fields: new Map<number, string | Uint8Array>([[3, '000000'], [11, '000009'], [90, '0'.repeat(42)], [102, 'ACCOUNT 1']]) };
    same(m, decodeMessage(encodeMessage(m)));
  });

  it('answers 0210 to 0200 and 0410 to a 0401 repeat', () => {
    expect(msg.answerMti('0200')).toBe('0210');
    expect(msg.answerMti('0401')).toBe('0410');
    expect(msg.answerMti('0820')).toBe('0830');
  });
});

describe('golden frames', () => {
  it('builds the hand-assembled sign-on byte for byte', () => {
    const built = encodeFrame(encodeMessage(msg.signOnRequest(envelope('000001'))), config);
    expect(Buffer.from(built).toString('hex')).toBe(Buffer.from(loadHex('sign-on-0800.hex')).toString('hex'));
  });

  it('builds the hand-assembled sale byte for byte, MAC included', () => {
    const built = encodeFrame(msg.encodeWithMac(msg.saleRequest(envelope('000002'), 1250, sentinelCard()), FIXTURE_MAK, unionPayEcbMac), config);
    expect(Buffer.from(built).toString('hex')).toBe(Buffer.from(loadHex('sale-0200-sentinel.hex')).toString('hex'));
  });

  it('decodes the published UnionPay POS sale and re-encodes it byte for byte', () => {
    const bytes = loadHex('unionpay-sale-0200-published.hex');
    const frame = decodeFrame(bytes, 6);
    expect(Buffer.from(frame.tpdu).toString('hex')).toBe('6000060000');
    expect(Buffer.from(frame.header).toString('hex')).toBe('603100311003');
    const m = decodeMessage(frame.body);
    expect(m.mti).toBe('0200');
    expect([...m.fields.keys()]).toEqual([2, 3, 4, 11, 14, 22, 23, 25, 26, 35, 41, 42, 48, 49, 52, 53, 55, 59, 60, 64]);
    expect(text(m, 2)).toBe('6224242900000113');
    expect(text(m, 4)).toBe('000000000001');
    expect(text(m, 11)).toBe('000403');
    expect(text(m, 22)).toBe('071');
    expect(text(m, 35)).toBe('6224242900000113=28062013949031013');
    expect(text(m, 41)).toBe('10000019');
    expect(text(m, 42)).toBe('850100082410002');
    expect(text(m, 49)).toBe('156');
    expect((m.fields.get(55) as Uint8Array).length).toBe(139);
    expect(text(m, 59)).toHaveLength(153);
    expect(text(m, 60)).toBe('22000024000600');
    expect(Buffer.from(m.fields.get(64) as Uint8Array).toString('latin1')).toBe('8F651B26');
    const again = encodeFrame(encodeMessage(m), { tpdu: frame.tpdu, header: frame.header });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses the published frame whose bitmap leaves 10 bytes undeclared', () => {
    const frame = decodeFrame(loadHex('published-0200-undeclared-bytes.hex'), 6);
    const result = tryDecodeMessage(frame.body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe('trailing-bytes');
      expect(result.error.message).toMatch(/10 bytes after the last field/);
    }
  });
});

describe('named refusals', () => {
  const sale = (): Uint8Array => msg.encodeWithMac(msg.saleRequest(envelope(), 1250, sentinelCard()), FIXTURE_MAK, unionPayEcbMac);

  it('names a cut-short message and the field it was in', () => {
    const body = sale();
    // MTI 2 + bitmap 8, then 2 (9), 3 (3), 4 (6), 11 (3), 14 (2), 22 (2), 25 (1): field 35 starts at 36
    const cut = tryDecodeMessage(body.subarray(0, 40));
    expect(cut.ok ? null : [cut.error.reason, cut.error.field, cut.error.offset]).toEqual(['truncated', 35, 37]);
  });

  it('names a variable length over the spec maximum', () => {
    const body = sale();
    // field 2's LL prefix sits right after MTI + bitmap
    body[10] = 0x25;
    const r = tryDecodeMessage(body);
    expect(r.ok ? null : [r.error.reason, r.error.field]).toEqual(['length-over-max', 2]);
  });

  it('names a length prefix that is not BCD', () => {
    const body = sale();
    body[10] = 0x1f;
    expect(reason(() => decodeMessage(body))).toBe('bad-length-prefix');
  });

  it('names a field the table does not know', () => {
    // bitmap 00 00 00 00 00 00 00 80: field 57, which the table does not define
    const unknown = Uint8Array.from([0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00]);
    expect(reason(() => decodeMessage(unknown))).toBe('unknown-field');
  });

  it('names a control byte in a text field', () => {
    const m: IsoMessage = { mti: '0210', fields: new Map([[11, '000001'], [39, '00']]) };
    const body = encodeMessage(m);
    body[body.length - 1] = 0x07;
    const r = tryDecodeMessage(body);
    expect(r.ok ? null : [r.error.reason, r.error.field]).toEqual(['bad-charset', 39]);
  });

  it('refuses to encode a value that does not fit its field, before anything is sent', () => {
    expect(reason(() => encodeMessage({ mti: '0200', fields: new Map([[4, '12.50']]) }))).toBe('bad-value');
    expect(reason(() => encodeMessage({ mti: '0200', fields: new Map([[2, '1'.repeat(20)]]) }))).toBe('bad-value');
    expect(reason(() => encodeMessage({ mti: '0200', fields: new Map([[64, 'not bytes']]) }))).toBe('bad-value');
    expect(reason(() => encodeMessage({ mti: '02000', fields: new Map([[3, '000000']]) }))).toBe('bad-mti');
  });

  it('names framing problems', () => {
    const frame = encodeFrame(sale(), config);
    expect(reason(() => decodeFrame(frame.subarray(0, frame.length - 1), 6))).toBe('frame-length-mismatch');
    const badTpdu = frame.slice();
    badTpdu[2] = 0x61;
    expect(reason(() => decodeFrame(badTpdu, 6))).toBe('bad-tpdu');
    expect(reason(() => decodeFrame(Uint8Array.from([0xff, 0xff]), 6))).toBe('frame-too-large');
    expect(reason(() => decodeFrame(Uint8Array.from([0x00, 0x03, 0x60, 0, 0]), 6))).toBe('frame-too-short');
  });

  it('uses the UnionPay field table for the fields it sends', () => {
    for (const f of [2, 3, 4, 11, 14, 22, 25, 35, 37, 38, 39, 41, 42, 49, 60, 61, 62, 63, 64]) expect(UNIONPAY_POS_FIELDS.has(f)).toBe(true);
  });
});
