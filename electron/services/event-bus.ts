import { TARGETED_EVENTS, events } from '../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { Logger } from './logger';

/**
 * A transport's sink: `audience` is null for an event every window may see, else the ids of
 * the senders (windows, connections) that may receive it; the transport delivers to no other.
 */
export type EventSink = (name: EventName, payload: unknown, audience: ReadonlySet<string> | null) => void;

/**
 * Pushes events to connected windows or sockets. Payloads are validated against the contract
 * before they leave, which also strips fields the contract does not name. Targeted events
 * (a swipe, a session change) can only be sent to named senders: `emit` refuses them.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly logger: Logger) {}

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** To every window: only for events that are not targeted. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (TARGETED_EVENTS.has(name)) {
      this.logger.error('event.broadcast-refused', { event: name });
      return;
    }
    this.send(name, payload, null);
  }

  /** To the named senders only (nothing when the list is empty). */
  emitTo<E extends EventName>(senderIds: Iterable<string>, name: E, payload: EventPayload<E>): void {
    const audience = new Set(senderIds);
    if (audience.size > 0) this.send(name, payload, audience);
  }

  private send(name: EventName, payload: unknown, audience: ReadonlySet<string> | null): void {
    const checked = events[name].safeParse(payload);
    if (!checked.success) {
      this.logger.error('event.invalid', { event: name });
      return;
    }
    for (const sink of this.sinks) {
      try {
        sink(name, checked.data, audience);
      } catch (error) {
        this.logger.warn('event.sink-failed', { event: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
