/**
 * Last line of defence for logs: any run of 12-19 digits (a possible PAN, with or without
 * spaces or dashes) and anything shaped like track data is masked before a line is written.
 * Code must never log card data in the first place; this only keeps a mistake off disk.
 */
const PAN_LIKE = /(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])/g;
const TRACK_LIKE = /[%;][^\s?]{8,}\?/g;

export const redactCardData = (text: string): string =>
  text.replace(TRACK_LIKE, '[track redacted]').replace(PAN_LIKE, (m) => `[pan redacted …${m.replace(/[^0-9]/g, '').slice(-4)}]`);
