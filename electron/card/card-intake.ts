import { maskLast4 } from '../../shared/domain/card/mask';
import { brandOf } from '../../shared/domain/card/brand';
import { isExpired, monthOf } from '../../shared/domain/card/expiry';
import { parseMaskedTrack1, parseMaskedTrack2 } from '../../shared/domain/card/masked';
import type { MaskedCard } from '../../shared/domain/card/masked';
import { chipFromServiceCode, parseCardTracks, parseSwipeText } from '../../shared/domain/card/parse';
import type { ParsedCard } from '../../shared/domain/card/parse';
import type { CardFailureReason } from '../../shared/domain/card/reasons';
import type { CardSource, CardSummary } from '../../shared/ipc/commands/card-reader';
import type { CardReportFormat } from '../../shared/ports/card-reader';
import { decodeCardReport } from '../devices/card-report';
import type { EncryptedTracks } from '../devices/magtek-v5-report';
import { maskedFingerprint, panFingerprint } from './card-fingerprint';
import type { CardVault } from './card-vault';
import type { EntryMode } from './clear-card';

export type IntakeOutcome = { ok: true; summary: CardSummary } | { ok: false; reason: CardFailureReason };

export interface CardIntakeDeps {
  vault: CardVault;
  fingerprintKey: Uint8Array;
  now?: () => Date;
}

/**
 * The one path from a swipe to a card summary: HID report bytes (hardware or the virtual
 * reader) and keyboard text both end in the same ISO 7813 parser, the same vault and the same
 * summary. Returns the summary (no clear data) or the reason; never throws.
 */
export class CardIntake {
  private readonly now: () => Date;

  constructor(private readonly deps: CardIntakeDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Decodes and parses a report, then zero-fills `bytes` (the caller's buffer held track data). */
  fromReport(format: CardReportFormat, bytes: Uint8Array, source: Exclude<CardSource, 'keyboard'>, readerId: string): IntakeOutcome {
    try {
      const decoded = decodeCardReport(format, bytes);
      if (!decoded.ok) return decoded;
      if (decoded.kind === 'clear') {
        const parsed = parseCardTracks(decoded.tracks, { today: monthOf(this.now()) });
        return parsed.ok ? this.admitClear(parsed.card, 'hid-swipe', source, readerId) : parsed;
      }
      return this.admitEncrypted(decoded, source, readerId);
    } catch {
      return { ok: false, reason: 'unreadable' };
    } finally {
      bytes.fill(0);
    }
  }

  fromKeyboard(raw: string, readerId: string): IntakeOutcome {
    try {
      const parsed = parseSwipeText(raw, { today: monthOf(this.now()) });
      return parsed.ok ? this.admitClear(parsed.card, 'keyboard-swipe', 'keyboard', readerId) : parsed;
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
  }

  private admitClear(card: ParsedCard, entryMode: EntryMode, source: CardSource, readerId: string): IntakeOutcome {
    const { cardRef, expiresAt } = this.deps.vault.put({
      pan: card.pan,
      expiry: card.expiry,
      serviceCode: card.serviceCode,
      track2: card.track2,
      ...(card.track1 !== null ? { track1: card.track1 } : {}),
      ...(card.cardholderName !== null ? { cardholderName: card.cardholderName } : {}),
      entryMode,
    });
    const summary: CardSummary = {
      cardRef,
      maskedPan: maskLast4(card.last4),
      last4: card.last4,
      bin: card.bin,
      panLength: card.panLength,
      brand: card.brand,
      entryMode,
      source,
      readerId,
      chip: card.chip,
      expiryMonth: card.expiryDate.month,
      expiryYear: card.expiryDate.year,
      expiryValid: true,
      fingerprint: panFingerprint(this.deps.fingerprintKey, card.pan),
      encrypted: false,
      swipedAt: this.now().toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    card.pan = '';
    card.track2 = '';
    card.track1 = null;
    return { ok: true, summary };
  }

  private admitEncrypted(
    decoded: { format: CardReportFormat; masked: { track1: string | null; track2: string | null }; encrypted: EncryptedTracks; ksn: string | null; cipher: 'tdes' | 'aes' | 'unknown' },
    source: Exclude<CardSource, 'keyboard'>,
    readerId: string,
  ): IntakeOutcome {
    if (decoded.format === 'magtek-337') return { ok: false, reason: 'unsupported-format' };
    if (decoded.masked.track2 === null) return { ok: false, reason: decoded.masked.track1 ? 'track2-missing' : 'unreadable' };
    const m2 = parseMaskedTrack2(decoded.masked.track2);
    if (!m2.ok) return m2;
    const masked: MaskedCard = m2.value;
    const t1 = decoded.masked.track1 ? parseMaskedTrack1(decoded.masked.track1) : null;
    if (t1?.ok && t1.value.last4 !== masked.last4) return { ok: false, reason: 'track-mismatch' };
    if (masked.expiry && isExpired(masked.expiry, monthOf(this.now()))) return { ok: false, reason: 'expired' };
    const { cardRef, expiresAt } = this.deps.vault.putEncrypted({
      format: decoded.format,
      ksn: decoded.ksn,
      cipher: decoded.cipher,
      encryptedTrack1: decoded.encrypted.track1,
      encryptedTrack2: decoded.encrypted.track2,
      encryptedTrack3: decoded.encrypted.track3,
      entryMode: 'hid-swipe',
    });
    return {
      ok: true,
      summary: {
        cardRef,
        maskedPan: maskLast4(masked.last4),
        last4: masked.last4,
        bin: masked.panPrefix.length >= 6 ? masked.panPrefix.slice(0, 6) : null,
        panLength: masked.panLength,
        brand: brandOf(masked.panPrefix),
        entryMode: 'hid-swipe',
        source,
        readerId,
        chip: chipFromServiceCode(masked.serviceCode),
        expiryMonth: masked.expiry?.month ?? null,
        expiryYear: masked.expiry?.year ?? null,
        expiryValid: true,
        fingerprint: maskedFingerprint(this.deps.fingerprintKey, masked),
        encrypted: true,
        swipedAt: this.now().toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
      },
    };
  }
}
