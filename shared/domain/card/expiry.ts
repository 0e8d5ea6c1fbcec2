export interface YearMonth {
  year: number;
  /** 1-12 */
  month: number;
}

/** `YYMM` from a track to a year and month (20YY), or null when it is not a date. */
export const parseExpiry = (yymm: string): YearMonth | null => {
  if (!/^[0-9]{4}$/.test(yymm)) return null;
  const month = Number(yymm.slice(2));
  if (month < 1 || month > 12) return null;
  return { year: 2000 + Number(yymm.slice(0, 2)), month };
};

/** The shop's current month, in local time (a card is valid through the last day of its month). */
export const monthOf = (date: Date): YearMonth => ({ year: date.getFullYear(), month: date.getMonth() + 1 });

export const isExpired = (expiry: YearMonth, today: YearMonth): boolean =>
  today.year > expiry.year || (today.year === expiry.year && today.month > expiry.month);

/** `YYMM` for a month `months` after `from` (test cards stay valid whatever the date). */
export const yymmAfter = (from: YearMonth, months: number): string => {
  const index = from.year * 12 + (from.month - 1) + months;
  const year = Math.floor(index / 12) % 100;
  const month = (index % 12) + 1;
  return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
};
