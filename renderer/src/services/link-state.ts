import type { CountersignApi } from '../../../shared/ipc/contract';
import type { Logger } from './logger';

/** The card host link as main's monitor sees it; `online: null` until the first check. */
export interface LinkSnapshot {
  online: boolean | null;
  kind: string;
}

/** Follows `acquirer:link-changed` from sign-in on, for the counter and its status chip. */
export class LinkState {
  private snapshot: LinkSnapshot = { online: null, kind: '' };
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | null = null;

  constructor(
    private readonly api: CountersignApi,
    private readonly logger: Logger,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LinkSnapshot => this.snapshot;

  /** Online unless main has said otherwise (a sale tries the host while the first check runs). */
  get online(): boolean {
    return this.snapshot.online !== false;
  }

  start(): void {
    let heard = false;
    this.off = this.api.on('acquirer:link-changed', (p) => {
      heard = true;
      this.publish({ online: p.online, kind: p.kind });
    });
    this.api.invoke('acquirer:status', {}).then(
      (e) => {
        if (e.ok && !heard) this.publish({ online: e.value.online, kind: e.value.kind });
        else if (!e.ok) this.logger.warn('link.status-failed', { code: e.error.code, reason: e.error.reason ?? null });
      },
      (error: unknown) => this.logger.error('link.status-failed', { error }),
    );
  }

  stop(): void {
    this.off?.();
  }

  private publish(next: LinkSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
