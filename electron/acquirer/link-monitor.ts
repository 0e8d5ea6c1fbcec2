import type { LinkResult } from '../../shared/ports/acquirer-link';

/**
 * Online / offline, kept cheap: an echo only when nothing else has talked to the host for a
 * while (20 s online, 5 s offline so a returning link is noticed quickly), plus on demand. Real
 * traffic counts: any host answer means online, a request that could not connect means offline
 * at once, a timeout triggers an echo. `onChange` fires on transitions only.
 */
export interface LinkMonitorOptions {
  echo: () => Promise<LinkResult>;
  onChange: (online: boolean, reason: string) => void;
  /** Told when a check fails in a way the monitor did not expect (logged by its owner). */
  onError?: (error: unknown) => void;
  onlineIntervalMs?: number;
  offlineIntervalMs?: number;
  now?: () => number;
}

export interface LinkMonitorState {
  online: boolean | null;
  reason: string | null;
  lastCheckAt: number | null;
  lastEchoAt: number | null;
  latencyMs: number | null;
}

export class LinkMonitor {
  private state: LinkMonitorState = { online: null, reason: null, lastCheckAt: null, lastEchoAt: null, latencyMs: null };
  private lastActivity = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private stopped = true;
  private readonly now: () => number;
  private readonly onlineMs: number;
  private readonly offlineMs: number;

  constructor(private readonly opts: LinkMonitorOptions) {
    this.now = opts.now ?? Date.now;
    this.onlineMs = opts.onlineIntervalMs ?? 20_000;
    this.offlineMs = opts.offlineIntervalMs ?? 5_000;
  }

  get snapshot(): LinkMonitorState {
    return { ...this.state };
  }

  start(): void {
    this.stopped = false;
    this.kick('start');
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Echoes now (joins a check already running) and reports whether the link is up. */
  check(_why = 'on-demand'): Promise<boolean> {
    this.running ??= (async () => {
      const started = this.now();
      let result: LinkResult;
      try {
        result = await this.opts.echo();
      } catch {
        result = { ok: false, failure: 'no-connection', sent: false, responseCode: null, stan: '', batch: '', resign: false, detail: 'echo threw' };
      }
      this.state.latencyMs = this.now() - started;
      this.state.lastEchoAt = this.now();
      const up = result.ok && result.responseCode === '00';
      this.set(up, up ? 'echo-ok' : result.ok ? `echo-${result.responseCode}` : `echo-${result.failure}`);
      return up;
    })().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** A check nobody waits for: an unexpected failure goes to `onError`. */
  private kick(why: string): void {
    this.check(why).catch((error: unknown) => this.opts.onError?.(error));
  }

  /**
   * Feeds the result of a real request: an answer means online, no connection means offline now;
   * a timeout or dropped connection says little about the next request, so it triggers an echo.
   */
  observe(result: { ok: true } | { ok: false; failure: string }): void {
    if (result.ok) this.set(true, 'answered');
    else if (result.failure === 'no-connection') this.set(false, 'no-connection');
    else if (result.failure === 'timeout' || result.failure === 'socket-closed') this.kick(result.failure);
  }

  private set(online: boolean, reason: string): void {
    this.state.lastCheckAt = this.now();
    this.lastActivity = this.now();
    const changed = this.state.online !== online;
    this.state.online = online;
    this.state.reason = reason;
    if (changed) this.opts.onChange(online, reason);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const every = this.state.online ? this.onlineMs : this.offlineMs;
    const due = Math.max(0, this.lastActivity + every - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick('interval');
    }, due);
    this.timer.unref();
  }
}
