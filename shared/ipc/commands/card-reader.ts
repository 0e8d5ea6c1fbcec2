import { z } from 'zod';
import { CARD_BRANDS } from '../../domain/card/brand';
import { CARD_FAILURE_REASONS } from '../../domain/card/reasons';
import { command } from '../spec';

export const CardBrandSchema = z.enum(CARD_BRANDS);
export const CardFailureReasonSchema = z.enum(CARD_FAILURE_REASONS);
export const CardEntryMode = z.enum(['hid-swipe', 'keyboard-swipe']);
/** Where a swipe came from: a HID reader, the virtual (training) reader, or keyboard emulation. */
export const CardSource = z.enum(['hid', 'virtual', 'keyboard']);
export type CardSource = z.infer<typeof CardSource>;

export const TEST_CARD_IDS = ['unionpay-debit', 'visa', 'mastercard-2series', 'chip-swiped', 'expired', 'bad-swipe'] as const;
export const TestCardId = z.enum(TEST_CARD_IDS);
export type TestCardId = z.infer<typeof TestCardId>;

/**
 * Everything the renderer may know of a swiped card (ARCHITECTURE "Clear card data never reaches
 * the renderer"). The clear card stays in main's vault behind `cardRef`. The patterns below are a
 * second line of defence: a full PAN cannot fit any field, so a bug cannot leak one through IPC.
 */
export const CardSummary = z.object({
  /** Opaque handle to the card in main's vault; valid for two minutes, usable once. */
  cardRef: z.string().regex(/^cr_[A-Za-z0-9_-]{22}$/),
  /** Display form, last four only: `**** 1232`. */
  maskedPan: z.string().regex(/^\*{4} [0-9]{4}$/),
  last4: z.string().regex(/^[0-9]{4}$/),
  /** First six digits; shown to the manager role only (RULES 3). Null when the reader masked them. */
  bin: z.string().regex(/^[0-9]{6}$/).nullable(),
  panLength: z.number().int().min(12).max(19),
  brand: CardBrandSchema,
  entryMode: CardEntryMode,
  source: CardSource,
  /** Device id (devices list) of the reader that read it. */
  readerId: z.string(),
  /** Service code 2xx/6xx: a chip card was swiped — warn about liability (RULES 5). */
  chip: z.boolean(),
  /** Null when an encrypting reader masked the expiry date. */
  expiryMonth: z.number().int().min(1).max(12).nullable(),
  expiryYear: z.number().int().min(2000).max(2099).nullable(),
  /** False only when the card is known to be expired (a masked expiry counts as valid). */
  expiryValid: z.boolean(),
  /** HMAC-SHA256 under a device secret held by main, for duplicate-charge detection (RULES 4, 10). */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * True for an encrypting reader (MagneSafe V5, ID TECH): only masked tracks were seen in
   * clear, the encrypted blocks stay in the vault, and the card cannot be sent in clear. Its
   * fingerprint is then keyed over the masked PAN and expiry, so it is weaker.
   */
  encrypted: z.boolean(),
  swipedAt: z.string(),
  /** When the vault forgets the card. */
  expiresAt: z.string(),
});
export type CardSummary = z.infer<typeof CardSummary>;

export const CardFailure = z.object({
  reason: CardFailureReasonSchema,
  source: CardSource,
  /** Device id (devices list) of the reader, the keyboard pseudo-reader included. */
  readerId: z.string(),
  at: z.string(),
});
export type CardFailure = z.infer<typeof CardFailure>;

export const TestCard = z.object({
  id: TestCardId,
  /** i18n key in the `cardReader` namespace. */
  labelKey: z.string(),
});

export const TestCardList = z.object({
  /** The virtual reader is on (host setting `cardReader.virtualReader`). */
  enabled: z.boolean(),
  cards: z.array(TestCard),
});
export type TestCardList = z.infer<typeof TestCardList>;

/** Longest keyboard swipe accepted: tracks 1+2+3 with LRCs and separators fit in well under this. */
export const MAX_KEYBOARD_SWIPE = 512;

export const cardReaderCommands = {
  /**
   * The raw text a keyboard-emulation reader typed, captured by the renderer's swipe detector
   * and sent at once (the renderer keeps no copy). Parsed by the same ISO 7813 path as HID
   * reports. Answers the summary, or CommandError CARD with the failure reason.
   */
  'card-reader:keyboard-swipe': command(z.object({ raw: z.string().min(1).max(MAX_KEYBOARD_SWIPE) }).strict(), CardSummary),
  /** Swipes a test card on the virtual reader: real MagTek report bytes through the HID decoder path. */
  'card-reader:test-swipe': command(z.object({ testCard: TestCardId }).strict(), CardSummary),
  /** The virtual reader's test cards. */
  'card-reader:test-cards': command(z.object({}).strict(), TestCardList),
};

export const cardReaderEvents = {
  /** A card was read and is in the vault. */
  'card-reader:swiped': CardSummary,
  /** A swipe or report was refused; `reason` is translated by the renderer. */
  'card-reader:failed': CardFailure,
};
