/**
 * Every reason an ISO 8583 frame or message is refused (RULES 19): a stable machine code, the
 * field it concerns when there is one, and the byte offset. The decoder throws nothing else.
 */
export const ISO_REJECTIONS = [
  // framing
  'frame-too-short',
  'frame-too-large',
  'frame-length-mismatch',
  'bad-tpdu',
  // message
  'truncated',
  'bad-mti',
  'bad-bitmap',
  'unknown-field',
  'bad-bcd',
  'bad-length-prefix',
  'length-over-max',
  'bad-charset',
  'trailing-bytes',
  // encoding (our own mistakes, caught before anything is sent)
  'bad-value',
  // meaning
  'missing-field',
  'mac-mismatch',
  'unexpected-response',
] as const;
export type IsoRejection = (typeof ISO_REJECTIONS)[number];

export class Iso8583Error extends Error {
  constructor(
    readonly reason: IsoRejection,
    message: string,
    readonly field: number | null = null,
    readonly offset: number | null = null,
  ) {
    super(field === null ? message : `field ${field}: ${message}`);
    this.name = 'Iso8583Error';
  }
}
