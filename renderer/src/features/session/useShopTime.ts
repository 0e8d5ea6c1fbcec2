import { useMemo } from 'react';
import { formatZonedDate, formatZonedDateTime, formatZonedTime, isDateOnlyInput, nextZonedDay, parseZonedInput } from '../../../../shared/domain/time-zone';
import type { TimeZone } from '../../../../shared/domain/time-zone';
import { useHostSettings } from './HostSettingsContext';

/** Times as the shop reads them: every screen and slip uses the zone in Settings → General. */
export interface ShopTime {
  zone: TimeZone;
  /** `2026/11/01 14:03:22` from Unix ms or an ISO string. */
  dateTime: (at: number | string) => string;
  time: (at: number | string) => string;
  date: (at: number | string) => string;
  /**
   * A typed date (`2026-11-01`, optionally `14:03`) in the shop zone. As an `end` bound a bare
   * date means the end of that day. Null when the text is not a date.
   */
  parse: (text: string, bound?: 'start' | 'end') => number | null;
}

const ms = (at: number | string): number => (typeof at === 'number' ? at : Date.parse(at));

export const shopTime = (zone: TimeZone): ShopTime => ({
  zone,
  dateTime: (at) => formatZonedDateTime(ms(at), zone),
  time: (at) => formatZonedTime(ms(at), zone),
  date: (at) => formatZonedDate(ms(at), zone),
  parse: (text, bound = 'start') => {
    const start = parseZonedInput(text, zone);
    if (start === null) return null;
    return bound === 'end' && isDateOnlyInput(text) ? nextZonedDay(start, zone) : start;
  },
});

export const useShopTime = (): ShopTime => {
  const zone = useHostSettings().settings.general.timeZone;
  return useMemo(() => shopTime(zone), [zone]);
};
