/**
 * Money is integer fen (1/100 yuan) everywhere. Parsing and formatting go through here;
 * nothing multiplies a float by 100.
 */
export type Fen = number;

export const isFen = (value: unknown): value is Fen =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** "12.3" → 1230, "0.05" → 5, "7" → 700. Returns null for anything that is not a plain amount. */
export const parseYuan = (text: string): Fen | null => {
  const match = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const yuan = Number(match[1]);
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return yuan * 100 + Number(fraction);
};

/** 1230 → "12.30" */
export const formatFen = (fen: Fen): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Receipt and screen form with the fullwidth yen sign U+FFE5 (U+00A5 prints garbage in GB18030). */
export const formatRmb = (fen: Fen): string => `\uFFE5${formatFen(fen)}`;
