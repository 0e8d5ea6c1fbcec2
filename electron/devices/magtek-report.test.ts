import { describe, expect, it } from 'vitest';
import { readHexFixture } from '../../test/fixtures/hid/builders';
import { parseCardTracks } from '../../shared/domain/card/parse';
import { decodeMagtekReport, encodeMagtekReport, MAGTEK_REPORT_LENGTH } from './magtek-report';

const T1 = '%B6212345678901232^TEST/UNIONPAY^3012101000000000?';
const T2 = ';6212345678901232=30121010000000000?';

describe('MagTek 337-byte HID swipe report', () => {
  it('decodes the published layout fixture into tracks that parse to the sentinel card', () => {
    const report = readHexFixture('magtek-337-unionpay');
    expect(report.length).toBe(MAGTEK_REPORT_LENGTH);
    const r = decodeMagtekReport(report);
    expect(r).toEqual({ ok: true, encodeType: 0, tracks: { track1: T1, track2: T2, track3: null } });
    if (!r.ok) return;
    const card = parseCardTracks(r.tracks, { today: { year: 2026, month: 1 } });
    expect(card).toMatchObject({ ok: true, card: { last4: '1232', brand: 'unionpay' } });
  });

  it('round-trips through the encoder the virtual reader uses', () => {
    expect(decodeMagtekReport(encodeMagtekReport({ track2: T2 }))).toMatchObject({ ok: true, tracks: { track1: null, track2: T2 } });
  });

  it('reports a swipe with every track in error as unreadable', () => {
    expect(decodeMagtekReport(readHexFixture('magtek-337-all-tracks-error'))).toEqual({ ok: false, reason: 'unreadable' });
    expect(decodeMagtekReport(encodeMagtekReport({ track1: T1, track2: T2, status: [1, 1, 1] }))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('ignores a track marked in error and keeps the others', () => {
    const r = decodeMagtekReport(encodeMagtekReport({ track1: T1, track2: T2, status: [1, 0, 0] }));
    expect(r).toMatchObject({ ok: true, tracks: { track1: null, track2: T2 } });
  });

  it('refuses a truncated report and one of the wrong length', () => {
    const good = encodeMagtekReport({ track2: T2 });
    expect(decodeMagtekReport(good.subarray(0, 200))).toEqual({ ok: false, reason: 'report-truncated' });
    expect(decodeMagtekReport(new Uint8Array(0))).toEqual({ ok: false, reason: 'report-truncated' });
    const long = new Uint8Array(338);
    long.set(good);
    expect(decodeMagtekReport(long)).toEqual({ ok: false, reason: 'report-length' });
  });

  it('refuses a length that points past its 110-byte field', () => {
    const r = encodeMagtekReport({ track2: T2 });
    r[4] = 111;
    expect(decodeMagtekReport(r)).toEqual({ ok: false, reason: 'track-length-overflow' });
  });

  it('refuses junk bytes inside a track', () => {
    const r = encodeMagtekReport({ track2: T2 });
    r[117 + 5] = 0x00;
    expect(decodeMagtekReport(r)).toEqual({ ok: false, reason: 'track-junk' });
    r[117 + 5] = 0xc8;
    expect(decodeMagtekReport(r)).toEqual({ ok: false, reason: 'track-junk' });
  });

  it('names blank cards, driving licences and unknown encode types', () => {
    expect(decodeMagtekReport(encodeMagtekReport({ encodeType: 3 }))).toEqual({ ok: false, reason: 'blank-card' });
    expect(decodeMagtekReport(encodeMagtekReport({ track2: T2, encodeType: 1 }))).toEqual({ ok: false, reason: 'not-payment-card' });
    expect(decodeMagtekReport(encodeMagtekReport({ track2: T2, encodeType: 9 }))).toEqual({ ok: false, reason: 'unknown-encode-type' });
  });
});
