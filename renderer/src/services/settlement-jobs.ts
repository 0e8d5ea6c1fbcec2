import type { CountersignApi } from '../../../shared/ipc/contract';
import type { Logger } from './logger';
import type { ForwardResult, Resolution } from './settlement';

/**
 * The background money jobs, started at sign-in by the composition and stopped at sign-out:
 * settle unresolved sales and forward offline ones, at start, whenever the link comes back, and
 * every minute. They run whatever screen is shown and while the console is locked (the lock
 * screen replaces the screens, not the services). One run at a time: a caller arriving mid-run
 * (the next sale's preflight, the link coming back) joins it.
 */
export interface SettlementSnapshot {
  /** What the last settling run did, for the counter to tell the cashier (until dismissed). */
  resolutions: readonly Resolution[];
  /** What the last forwarding run did (the forwarded notice). */
  forwarded: readonly ForwardResult[];
}

export interface SettlementJobsDeps {
  api: CountersignApi;
  settle: () => Promise<Resolution[]>;
  forward: () => Promise<ForwardResult[]>;
  logger: Logger;
  intervalMs?: number;
}

const EMPTY: SettlementSnapshot = { resolutions: [], forwarded: [] };
/** Worth telling the cashier: not the records another host's link is waiting for. */
const told = (r: Resolution): boolean => r.outcome !== 'other-link';

export class SettlementJobs {
  private snapshot: SettlementSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private settling: Promise<Resolution[]> | null = null;
  private forwarding: Promise<ForwardResult[]> | null = null;
  private offLink: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly deps: SettlementJobsDeps) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SettlementSnapshot => this.snapshot;

  start(): void {
    this.offLink = this.deps.api.on('acquirer:link-changed', (p) => {
      if (p.online) this.runAll('link-back');
    });
    this.timer = setInterval(() => this.runAll('interval'), this.deps.intervalMs ?? 60_000);
    this.runAll('start');
  }

  stop(): void {
    this.stopped = true;
    this.offLink?.();
    if (this.timer !== null) clearInterval(this.timer);
  }

  /** Settles now, or joins the run already going (the counter calls it before every online sale). */
  settleNow(): Promise<Resolution[]> {
    this.settling ??= this.deps.settle().then(
      (results) => {
        this.settling = null;
        const shown = results.filter(told);
        if (shown.length > 0 && !this.stopped) this.publish({ ...this.snapshot, resolutions: shown });
        return results;
      },
      (error: unknown) => {
        this.settling = null;
        throw error;
      },
    );
    return this.settling;
  }

  /** Forwards now, or joins the run already going. */
  forwardNow(): Promise<ForwardResult[]> {
    this.forwarding ??= this.deps.forward().then(
      (results) => {
        this.forwarding = null;
        const shown = results.filter((r) => r.outcome === 'approved' || r.outcome === 'declined');
        if (shown.length > 0 && !this.stopped) this.publish({ ...this.snapshot, forwarded: shown });
        return results;
      },
      (error: unknown) => {
        this.forwarding = null;
        throw error;
      },
    );
    return this.forwarding;
  }

  dismissResolutions(): void {
    this.publish({ ...this.snapshot, resolutions: [] });
  }

  /** Settles first (RULES 12), then forwards; a failure is logged and the next trigger tries again. */
  private runAll(why: string): void {
    if (this.stopped) return;
    const run = async (): Promise<void> => {
      await this.settleNow();
      await this.forwardNow();
    };
    run().catch((error: unknown) => this.deps.logger.error('settlement.run-failed', { why, error: error instanceof Error ? error.message : String(error) }));
  }

  private publish(next: SettlementSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
