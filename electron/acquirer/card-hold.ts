import type { ClearCard } from '../card/clear-card';
import { wipeCard } from './card-seal';

/**
 * A card that was taken from the vault for a request that then could not leave the PC (no
 * connection): it goes back here, in main memory, under the same cardRef, so the renderer can
 * still accept the sale offline (`acquirer:seal`) or retry. Same rules as the vault: handed out
 * once, wiped after two minutes or on stop.
 */
export class CardHold {
  private readonly cards = new Map<string, { card: ClearCard; timer: NodeJS.Timeout }>();

  constructor(private readonly lifetimeMs = 2 * 60 * 1000) {}

  put(cardRef: string, card: ClearCard): void {
    this.drop(cardRef);
    const timer = setTimeout(() => this.drop(cardRef), this.lifetimeMs);
    timer.unref();
    this.cards.set(cardRef, { card, timer });
  }

  take(cardRef: string): ClearCard | null {
    const held = this.cards.get(cardRef);
    if (!held) return null;
    clearTimeout(held.timer);
    this.cards.delete(cardRef);
    return held.card;
  }

  clear(): void {
    for (const ref of [...this.cards.keys()]) this.drop(ref);
  }

  get size(): number {
    return this.cards.size;
  }

  private drop(cardRef: string): void {
    const held = this.cards.get(cardRef);
    if (!held) return;
    clearTimeout(held.timer);
    wipeCard(held.card);
    this.cards.delete(cardRef);
  }
}
