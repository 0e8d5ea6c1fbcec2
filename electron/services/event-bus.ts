import { events } from '../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { Logger } from './logger';

export type EventSink = (name: EventName, payload: unknown) => void;

/**
 * Pushes events to every connected window or socket. Payloads are validated against the
 * contract before they leave, which also strips fields the contract does not name.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly logger: Logger) {}

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = events[name].safeParse(payload);
    if (!checked.success) {
      this.logger.error('event.invalid', { event: name });
      return;
    }
    for (const sink of this.sinks) {
      try {
        sink(name, checked.data);
      } catch (error) {
        this.logger.warn('event.sink-failed', { event: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
