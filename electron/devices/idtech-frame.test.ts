import { describe, expect, it } from 'vitest';
import { buildIdtechFrame, readHexFixture, resealIdtechFrame } from '../../test/fixtures/hid/builders';
import { decodeIdtechFrame } from './idtech-frame';

const M1 = '%*4761********0119^TEST/VISA^2512*************?';
const M2 = ';4761********0119=2512************?';

describe('ID TECH enhanced encrypted MSR frame', () => {
  it('decodes the fixture: masked tracks, TDES blocks rounded to 8, KSN', () => {
    const r = decodeIdtechFrame(readHexFixture('idtech-enhanced-visa'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.masked).toEqual({ track1: M1, track2: M2, track3: null });
    expect(r.cipher).toBe('tdes');
    expect(r.encrypted.track1?.length).toBe(48);
    expect(r.encrypted.track2?.length).toBe(40);
    expect(r.ksn).toBe('629949012C0000000003');
  });

  it('rounds AES blocks to 16 and skips session id, hashes and serial number', () => {
    const r = decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, aes: true, sessionId: true, hashTracks: [false, true, false], serial: true }));
    expect(r).toMatchObject({ ok: true, cipher: 'aes', ksn: '629949012C0000000003' });
    expect(r.ok && r.encrypted.track2?.length).toBe(48);
  });

  it('accepts zero padding to the HID report size', () => {
    expect(decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, padTo: 560 })).ok).toBe(true);
  });

  it('names each framing fault', () => {
    const good = buildIdtechFrame({ masked: { track2: M2 } });
    const n = good.length;
    const copy = (): Uint8Array => good.slice();
    const noStx = copy();
    noStx[0] = 0x01;
    expect(decodeIdtechFrame(noStx)).toEqual({ ok: false, reason: 'frame-no-stx' });
    const noEtx = copy();
    noEtx[n - 1] = 0x04;
    expect(decodeIdtechFrame(noEtx)).toEqual({ ok: false, reason: 'frame-no-etx' });
    const badLrc = copy();
    badLrc[n - 3] = (badLrc[n - 3] ?? 0) ^ 0xff;
    expect(decodeIdtechFrame(badLrc)).toEqual({ ok: false, reason: 'frame-lrc' });
    const badSum = copy();
    badSum[n - 2] = ((badSum[n - 2] ?? 0) + 1) & 0xff;
    expect(decodeIdtechFrame(badSum)).toEqual({ ok: false, reason: 'frame-checksum' });
    const flipped = copy();
    flipped[20] = (flipped[20] ?? 0) ^ 0x01; // one data bit: the XOR check catches it first
    expect(decodeIdtechFrame(flipped)).toEqual({ ok: false, reason: 'frame-lrc' });
    expect(decodeIdtechFrame(good.subarray(0, n - 4))).toEqual({ ok: false, reason: 'report-truncated' });
    const trailing = new Uint8Array(n + 4);
    trailing.set(good);
    trailing[n + 2] = 0x41;
    expect(decodeIdtechFrame(trailing)).toEqual({ ok: false, reason: 'frame-length' });
  });

  it('refuses lengths that run past the card data', () => {
    const frame = buildIdtechFrame({ masked: { track2: M2 } });
    frame[3 + 3] = 200; // track 2 length
    expect(decodeIdtechFrame(resealIdtechFrame(frame))).toEqual({ ok: false, reason: 'track-length-overflow' });
    const short = buildIdtechFrame({ masked: { track2: M2 } });
    short[3 + 3] = 36; // one byte longer: masked data now reads into the encrypted block
    expect(decodeIdtechFrame(resealIdtechFrame(short))).toEqual({ ok: false, reason: 'track-junk' });
  });

  it('names AAMVA cards, raw mode and the original (non-enhanced) format', () => {
    expect(decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, encodeType: 0x81 }))).toEqual({ ok: false, reason: 'not-payment-card' });
    expect(decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, encodeType: 0x84 }))).toEqual({ ok: false, reason: 'unsupported-format' });
    expect(decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, encodeType: 0x00 }))).toEqual({ ok: false, reason: 'unsupported-format' });
  });

  it('reports a swipe with no track decoded as unreadable', () => {
    expect(decodeIdtechFrame(buildIdtechFrame({ masked: { track2: M2 }, trackStatus: 0x10 }))).toEqual({ ok: false, reason: 'unreadable' });
  });
});
