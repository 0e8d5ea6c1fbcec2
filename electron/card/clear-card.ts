/**
 * Clear card data. Exists only in main-process memory, inside the card vault, until the
 * acquirer link has used it (or it expires after two minutes). Never serialised to the
 * renderer, a file or a log; an offline sale's copy is sealed (AES-GCM) before it leaves main.
 */
export type EntryMode = 'hid-swipe' | 'keyboard-swipe';

export interface ClearCard {
  pan: string;
  /** YYMM as on the track. */
  expiry: string;
  serviceCode: string;
  /** Track 2 equivalent data without sentinels and LRC (PAN=YYMM SVC discretionary). */
  track2: string;
  track1?: string;
  cardholderName?: string;
  entryMode: EntryMode;
}

/** What the acquirer side needs from the card vault. */
export interface CardVaultPort {
  /** Hands the clear card over once and forgets it; null if unknown, used or expired. */
  take(cardRef: string): ClearCard | null;
}
