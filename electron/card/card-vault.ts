import { randomBytes } from 'node:crypto';
import { wipeCard } from './clear-card';
import type { CardVaultPort, ClearCard, EncryptedCard, EncryptedCardVaultPort } from './clear-card';

/**
 * Clear card data in main-process memory only (RULES 1-2), behind an opaque `cardRef`.
 * An entry lives two minutes and is handed over once; on take or expiry the vault overwrites
 * every field it holds (strings by reference — JavaScript cannot scrub a string in place —
 * and byte arrays by zero-filling) and drops the entry, so nothing outlives the sale step.
 */
export const CARD_LIFETIME_MS = 2 * 60 * 1000;

type Entry = ({ kind: 'clear'; card: ClearCard } | { kind: 'encrypted'; card: EncryptedCard }) & {
  expiresAt: number;
  cancel: () => void;
};

export interface CardVaultOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  lifetimeMs?: number;
  /** Arms the expiry of one entry; returns a canceller. Default: an unref'd setTimeout. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

const defaultSchedule = (fn: () => void, ms: number): (() => void) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

const wipeEncrypted = (card: EncryptedCard): void => {
  for (const block of [card.encryptedTrack1, card.encryptedTrack2, card.encryptedTrack3]) block?.fill(0);
  card.encryptedTrack1 = null;
  card.encryptedTrack2 = null;
  card.encryptedTrack3 = null;
  card.ksn = null;
};

export class CardVault implements CardVaultPort, EncryptedCardVaultPort {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly lifetimeMs: number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;

  constructor(opts: CardVaultOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.lifetimeMs = opts.lifetimeMs ?? CARD_LIFETIME_MS;
    this.schedule = opts.schedule ?? defaultSchedule;
  }

  /** Stores a clear card; the vault keeps its own copy and the caller should drop theirs. */
  put(card: ClearCard): { cardRef: string; expiresAt: number } {
    return this.store({ kind: 'clear', card: { ...card } });
  }

  putEncrypted(card: EncryptedCard): { cardRef: string; expiresAt: number } {
    return this.store({ kind: 'encrypted', card: { ...card } });
  }

  take(cardRef: string): ClearCard | null {
    const entry = this.live(cardRef);
    if (!entry || entry.kind !== 'clear') return null;
    const handed = { ...entry.card };
    this.drop(cardRef);
    return handed;
  }

  takeEncrypted(cardRef: string): EncryptedCard | null {
    const entry = this.live(cardRef);
    if (!entry || entry.kind !== 'encrypted') return null;
    const c = entry.card;
    const handed: EncryptedCard = {
      ...c,
      encryptedTrack1: c.encryptedTrack1?.slice() ?? null,
      encryptedTrack2: c.encryptedTrack2?.slice() ?? null,
      encryptedTrack3: c.encryptedTrack3?.slice() ?? null,
    };
    this.drop(cardRef);
    return handed;
  }

  /** True while the card is held and unexpired (does not hand it over). */
  has(cardRef: string): boolean {
    return this.live(cardRef) !== null;
  }

  /** Wipes every expired entry now; returns how many. The timers do this too. */
  sweep(): number {
    let n = 0;
    const now = this.now();
    for (const [ref, entry] of [...this.entries]) {
      if (entry.expiresAt <= now) {
        this.drop(ref);
        n += 1;
      }
    }
    return n;
  }

  /** Wipes everything (host stopping). */
  clear(): void {
    for (const ref of [...this.entries.keys()]) this.drop(ref);
  }

  get size(): number {
    return this.entries.size;
  }

  private store(value: { kind: 'clear'; card: ClearCard } | { kind: 'encrypted'; card: EncryptedCard }): { cardRef: string; expiresAt: number } {
    const cardRef = `cr_${randomBytes(16).toString('base64url')}`;
    const expiresAt = this.now() + this.lifetimeMs;
    const cancel = this.schedule(() => this.drop(cardRef), this.lifetimeMs);
    this.entries.set(cardRef, { ...value, expiresAt, cancel });
    return { cardRef, expiresAt };
  }

  private live(cardRef: string): Entry | null {
    const entry = this.entries.get(cardRef);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.drop(cardRef);
      return null;
    }
    return entry;
  }

  private drop(cardRef: string): void {
    const entry = this.entries.get(cardRef);
    if (!entry) return;
    entry.cancel();
    if (entry.kind === 'clear') wipeCard(entry.card);
    else wipeEncrypted(entry.card);
    this.entries.delete(cardRef);
  }
}
