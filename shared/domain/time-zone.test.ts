import { describe, expect, it } from 'vitest';
import { TIME_ZONES, formatZonedDate, formatZonedDateTime, formatZonedTime, isDateOnlyInput, nextZonedDay, parseZonedInput, zoneOffsetMinutes } from './time-zone';

/** 2026-11-01 06:03:22 UTC: 14:03:22 in Beijing. */
const SALE = Date.UTC(2026, 10, 1, 6, 3, 22);

describe('one shop time zone for slips and screens', () => {
  it('shows a sale at Beijing time whatever zone the PC is in', () => {
    expect(formatZonedDateTime(SALE, 'Asia/Shanghai')).toBe('2026/11/01 14:03:22');
    expect(formatZonedTime(SALE, 'Asia/Shanghai')).toBe('14:03:22');
    expect(formatZonedDate(SALE, 'Asia/Shanghai')).toBe('2026-11-01');
  });

  it('crosses midnight into the next day where the shop is', () => {
    const lateUtc = Date.UTC(2026, 10, 1, 16, 30, 0);
    expect(formatZonedDateTime(lateUtc, 'Asia/Shanghai')).toBe('2026/11/02 00:30:00');
    expect(formatZonedDateTime(lateUtc, 'UTC')).toBe('2026/11/01 16:30:00');
  });

  it('follows daylight saving in zones that have it', () => {
    expect(formatZonedTime(Date.UTC(2026, 6, 1, 12, 0, 0), 'Europe/London')).toBe('13:00:00');
    expect(formatZonedTime(Date.UTC(2026, 0, 15, 12, 0, 0), 'Europe/London')).toBe('12:00:00');
    expect(formatZonedTime(Date.UTC(2026, 6, 1, 12, 0, 0), 'America/New_York')).toBe('08:00:00');
  });

  it('uses the fixed-offset table only where it agrees with the zone database', () => {
    for (const zone of TIME_ZONES) {
      for (const at of [Date.UTC(2026, 0, 15, 3, 0, 0), Date.UTC(2026, 6, 15, 3, 0, 0)]) {
        const viaIntl = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
        const ours = formatZonedTime(at, zone).slice(0, 5);
        expect(`${zone} ${ours}`).toBe(`${zone} ${viaIntl}`);
      }
    }
  });

  it('reads typed dates in the shop zone, ISO or Chinese style', () => {
    expect(parseZonedInput('2026-11-01 14:03:22', 'Asia/Shanghai')).toBe(SALE);
    expect(parseZonedInput('2026/11/1', 'Asia/Shanghai')).toBe(Date.UTC(2026, 9, 31, 16, 0, 0));
    expect(parseZonedInput('2026年11月1日 14:03', 'Asia/Shanghai')).toBe(SALE - 22_000);
    expect(parseZonedInput('2026-07-01 13:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 12, 0, 0));
  });

  it('refuses text that is not a date, and dates that do not exist', () => {
    for (const bad of ['', '11/01/2026', 'yesterday', '2026-02-30', '2026-13-01', '2026-11-01 24:00']) expect(parseZonedInput(bad, 'Asia/Shanghai')).toBeNull();
  });

  it('knows a bare date from a date and time, and where the next day starts', () => {
    expect(isDateOnlyInput('2026-11-01')).toBe(true);
    expect(isDateOnlyInput('2026-11-01 08:00')).toBe(false);
    expect(nextZonedDay(SALE, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 1, 16, 0, 0));
  });

  it('gives Beijing +8 hours all year', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 0, 1))).toBe(480);
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 6, 1))).toBe(480);
  });
});
