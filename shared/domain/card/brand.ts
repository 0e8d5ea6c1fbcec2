export const CARD_BRANDS = ['unionpay', 'visa', 'mastercard', 'amex', 'jcb', 'discover', 'diners', 'unknown'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

const within = (prefix: string, digits: number, low: number, high: number): boolean => {
  if (prefix.length < digits) return false;
  const n = Number(prefix.slice(0, digits));
  return n >= low && n <= high;
};

/**
 * Brand by issuer identification number. Works on a partial prefix (a masked PAN that only
 * shows its first four digits). UnionPay is tested first: 622126-622925 is also in Discover's
 * range, and for a console in China UnionPay is the network that routes it.
 */
export const brandOf = (panPrefix: string): CardBrand => {
  const p = /^[0-9]*/.exec(panPrefix)?.[0] ?? '';
  if (within(p, 2, 62, 62) || within(p, 2, 81, 81)) return 'unionpay';
  if (p.startsWith('4')) return 'visa';
  if (within(p, 2, 51, 55) || within(p, 4, 2221, 2720)) return 'mastercard';
  if (within(p, 2, 34, 34) || within(p, 2, 37, 37)) return 'amex';
  if (within(p, 4, 3528, 3589)) return 'jcb';
  if (within(p, 4, 6011, 6011) || within(p, 3, 644, 649) || within(p, 2, 65, 65)) return 'discover';
  if (within(p, 2, 36, 36) || within(p, 2, 38, 38) || within(p, 3, 300, 305)) return 'diners';
  return 'unknown';
};
