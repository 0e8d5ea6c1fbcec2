import { describe, expect, it } from 'vitest';
import { buildV5Report, readHexFixture } from '../../test/fixtures/hid/builders';
import { parseMaskedTrack2 } from '../../shared/domain/card/masked';
import { decodeMagtekV5Report, MAGTEK_V5_LAYOUT, MAGTEK_V5_REPORT_LENGTH } from './magtek-v5-report';

const M2 = ';5452000000007189=08040000000000000000?';

describe('MagTek MagneSafe V5 887-byte report', () => {
  it('reads masked tracks, KSN and encrypted blocks from the fixture, and nothing in clear', () => {
    const report = readHexFixture('magtek-v5-masked');
    expect(report.length).toBe(MAGTEK_V5_REPORT_LENGTH);
    const r = decodeMagtekV5Report(report);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.masked.track2).toBe(M2);
    expect(r.ksn).toBe('FFFF9876543210E00008');
    expect(r.encrypted.track1?.length).toBe(64);
    expect(r.encrypted.track2?.length).toBe(40);
    expect(r.encrypted.track3).toBeNull();
    expect(parseMaskedTrack2(r.masked.track2 ?? '')).toMatchObject({ ok: true, value: { panPrefix: '5452', last4: '7189' } });
  });

  it('copies the encrypted blocks out of the report (wiping the report leaves them intact)', () => {
    const report = buildV5Report({ masked: { track2: M2 }, encrypted: { track2: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) } });
    const r = decodeMagtekV5Report(report);
    report.fill(0);
    expect(r.ok && [...(r.encrypted.track2 ?? [])]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses truncated and over-long reports', () => {
    const good = buildV5Report({ masked: { track2: M2 } });
    expect(decodeMagtekV5Report(good.subarray(0, 856))).toEqual({ ok: false, reason: 'report-truncated' });
    expect(decodeMagtekV5Report(new Uint8Array(888))).toEqual({ ok: false, reason: 'report-length' });
  });

  it('refuses masked or encrypted lengths past their 112-byte fields', () => {
    const a = buildV5Report({ masked: { track2: M2 } });
    a[MAGTEK_V5_LAYOUT.maskedLengthOffset + 1] = 113;
    expect(decodeMagtekV5Report(a)).toEqual({ ok: false, reason: 'track-length-overflow' });
    const b = buildV5Report({ masked: { track2: M2 } });
    b[4] = 200;
    expect(decodeMagtekV5Report(b)).toEqual({ ok: false, reason: 'track-length-overflow' });
  });

  it('reports all tracks in error as unreadable and junk in a masked track as junk', () => {
    expect(decodeMagtekV5Report(buildV5Report({ masked: { track2: M2 }, status: [1, 1, 1] }))).toEqual({ ok: false, reason: 'unreadable' });
    const junk = buildV5Report({ masked: { track2: M2 } });
    junk[(MAGTEK_V5_LAYOUT.maskedOffsets[1] ?? 0) + 3] = 0x07;
    expect(decodeMagtekV5Report(junk)).toEqual({ ok: false, reason: 'track-junk' });
  });

  it('gives a null KSN when the reader sent none', () => {
    const r = decodeMagtekV5Report(buildV5Report({ masked: { track2: M2 }, ksn: new Uint8Array(10) }));
    expect(r.ok && r.ksn).toBeNull();
  });
});
