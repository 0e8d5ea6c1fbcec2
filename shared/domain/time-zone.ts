/**
 * The shop's one time zone, for slips and screens alike (a slip saying 23:07:47 while the list
 * says 15:07:47 for the same sale is a dispute waiting to happen). Times are stored as Unix ms
 * (UTC) everywhere; only their display goes through here.
 *
 * The zones on offer are a closed list so a settings file can be validated without Intl. Zones
 * that keep one offset all year have it in a table: the busy paths (the live list's rows) then
 * never create an Intl.DateTimeFormat, whose first use loads the locale's ICU data.
 */
export const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

export const DEFAULT_TIME_ZONE: TimeZone = 'Asia/Shanghai';

/** Minutes east of UTC for zones without daylight saving (China has had none since 1991). */
const FIXED_OFFSETS: Partial<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  'Asia/Taipei': 480,
  'Asia/Singapore': 480,
  'Asia/Kuala_Lumpur': 480,
  'Asia/Bangkok': 420,
  'Asia/Tokyo': 540,
  'Asia/Seoul': 540,
  'Asia/Dubai': 240,
  UTC: 0,
};

export const isTimeZone = (zone: string): zone is TimeZone => (TIME_ZONES as readonly string[]).includes(zone);

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
};

/** Minutes east of UTC in `zone` at instant `ms`. Throws RangeError for a zone Intl does not know. */
export const zoneOffsetMinutes = (zone: string, ms: number): number => {
  const fixed = FIXED_OFFSETS[zone];
  if (fixed !== undefined) return fixed;
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - (ms - (ms % 1000))) / 60_000);
};

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `zone` at instant `ms`. */
export const zonedParts = (ms: number, zone: string): ZonedParts => {
  const d = new Date(ms + zoneOffsetMinutes(zone, ms) * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
};

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `2026/11/01 14:03:22`: the slip's and the screens' full date and time. */
export const formatZonedDateTime = (ms: number, zone: string): string => {
  const p = zonedParts(ms, zone);
  return `${p.year}/${two(p.month)}/${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
};

/** `14:03:22` */
export const formatZonedTime = (ms: number, zone: string): string => {
  const p = zonedParts(ms, zone);
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
};

/** `2026-11-01` (ISO order: the way dates are written in China, and unambiguous in English). */
export const formatZonedDate = (ms: number, zone: string): string => {
  const p = zonedParts(ms, zone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
};

/**
 * The instant a wall-clock reading in `zone` names. Around a daylight-saving change the offset is
 * taken at the reading itself, then corrected once (enough for every zone on the list).
 */
export const zonedToUtc = (parts: ZonedParts, zone: string): number => {
  const naive = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const first = naive - zoneOffsetMinutes(zone, naive) * 60_000;
  return naive - zoneOffsetMinutes(zone, first) * 60_000;
};

/**
 * A typed date or date-time in the shop's zone: `2026-11-01`, `2026/11/1`, `2026-11-01 14:03`
 * or `2026-11-01 14:03:22` (also `T` between them). A bare date is the start of that day.
 * Returns null for anything else, or a date that does not exist (Feb 30).
 */
export const parseZonedInput = (text: string, zone: string): number | null => {
  const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text);
  if (!m) return null;
  const parts: ZonedParts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) return null;
  return zonedToUtc(parts, zone);
};

/** Whether typed text named a whole day (no time): an end bound then means the end of that day. */
export const isDateOnlyInput = (text: string): boolean => !/\d:\d/.test(text);

/** The start of the next day in `zone` after the day containing `ms`. */
export const nextZonedDay = (ms: number, zone: string): number => {
  const p = zonedParts(ms, zone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }, zone);
};
