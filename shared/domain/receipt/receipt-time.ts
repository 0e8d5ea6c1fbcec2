/** Building a DateTimeFormat costs far more than using one (reports format thousands of times). */
const formats = new Map<string, Intl.DateTimeFormat>();
const formatFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f;
};

/** `2026/11/01 14:03:22` in the given IANA zone (receipts print the shop's local time). */
export const formatReceiptTime = (ms: number, timeZone: string): string => {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatFor(timeZone).formatToParts(new Date(ms));
  } catch {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  }
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}/${get('month')}/${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
};
