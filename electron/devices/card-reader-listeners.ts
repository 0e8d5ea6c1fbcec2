import type { CardReaderEvent } from '../../shared/ports/card-reader';
import type { Logger } from '../services/logger';

/** Listener set for reader adapters: one listener throwing never stops the others or the reader. */
export class CardReaderListeners {
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly source: string,
  ) {}

  add(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CardReaderEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn('card-reader.listener-failed', { source: this.source, event: event.type, error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }
}
