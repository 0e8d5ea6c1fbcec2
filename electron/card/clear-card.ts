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

/**
 * A swipe from an encrypting reader (MagneSafe V5, ID TECH enhanced): the console saw only
 * masked tracks; the track data is in DUKPT-encrypted blocks that only the host can open.
 * Kept in the vault like a clear card, but it cannot be sent in clear.
 */
export interface EncryptedCard {
  format: 'magtek-v5' | 'idtech-enhanced';
  /** DUKPT key serial number (hex), null if the reader sent none. */
  ksn: string | null;
  cipher: 'tdes' | 'aes' | 'unknown';
  encryptedTrack1: Uint8Array | null;
  encryptedTrack2: Uint8Array | null;
  encryptedTrack3: Uint8Array | null;
  entryMode: EntryMode;
}

/** For an acquirer link that can forward encrypted swipes (KSN + blocks) to its host. */
export interface EncryptedCardVaultPort {
  /** Hands the encrypted swipe over once and forgets it; null if unknown, used, expired or clear. */
  takeEncrypted(cardRef: string): EncryptedCard | null;
}

/** Overwrites a card's fields (strings by reference: JavaScript cannot scrub a string in place). */
export const wipeCard = (card: { pan: string; expiry: string; serviceCode: string; track2: string; track1?: string; cardholderName?: string }): void => {
  card.pan = '';
  card.expiry = '';
  card.serviceCode = '';
  card.track2 = '';
  if (card.track1 !== undefined) card.track1 = '';
  if (card.cardholderName !== undefined) card.cardholderName = '';
};
