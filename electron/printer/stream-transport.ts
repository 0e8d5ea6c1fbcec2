import { DEFAULT_PRINTER_TIMEOUTS, PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterStatus, PrinterTransport, PrinterTransportKind, PrinterTimeouts } from '../../shared/ports/printer-transport';
import { DLE_EOT, parseStatusReplies } from './dle-eot-status';
import type { StatusReplies } from './dle-eot-status';

interface Waiter {
  length: number;
  ignore: ((byte: number) => boolean) | undefined;
  resolve: (bytes: Uint8Array | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * What TCP, USB and serial have in common: bytes out, bytes back, one question at a time.
 * Subclasses connect, send and disconnect, and call `received` / `lost` from their events.
 */
export abstract class StreamPrinterTransport implements PrinterTransport {
  abstract readonly kind: PrinterTransportKind;
  abstract readonly label: string;
  protected readonly timeouts: PrinterTimeouts;
  private inbox: number[] = [];
  private waiter: Waiter | null = null;
  private openNow = false;
  /** Set when the other side went away; later writes fail with it. */
  private lostReason: PrinterTransportError | null = null;

  constructor(timeouts: Partial<PrinterTimeouts> = {}) {
    this.timeouts = { ...DEFAULT_PRINTER_TIMEOUTS, ...timeouts };
  }

  get isOpen(): boolean {
    return this.openNow;
  }

  protected abstract connect(): Promise<void>;
  protected abstract send(bytes: Uint8Array): Promise<void>;
  protected abstract disconnect(): Promise<void>;

  async open(): Promise<void> {
    if (this.openNow) return;
    this.inbox = [];
    this.lostReason = null;
    await this.connect();
    this.openNow = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const lost: PrinterTransportError | null = this.lostReason;
    if (lost) throw lost;
    if (!this.openNow) throw new PrinterTransportError('connection-lost', `${this.label}: not open`);
    await this.send(bytes);
    const after: PrinterTransportError | null = this.lostReason;
    if (after) throw after;
  }

  /** Subclasses call this with every chunk the printer sends. */
  protected received(chunk: Uint8Array): void {
    const ignore = this.waiter?.ignore;
    for (const b of chunk) if (!ignore?.(b)) this.inbox.push(b);
    this.settle();
  }

  /** Subclasses call this when the connection closes or fails under us. */
  protected lost(reason: PrinterTransportError): void {
    this.lostReason ??= reason;
    this.openNow = false;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(null);
    }
  }

  private settle(): void {
    const waiter = this.waiter;
    if (!waiter || this.inbox.length < waiter.length) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve(Uint8Array.from(this.inbox.splice(0, waiter.length)));
  }

  async query(request: Uint8Array, length: number, timeoutMs: number = this.timeouts.replyMs, ignore?: (byte: number) => boolean): Promise<Uint8Array | null> {
    if (this.waiter) throw new PrinterTransportError('io-error', `${this.label}: a query is already waiting`);
    this.inbox = [];
    const answer = new Promise<Uint8Array | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { length, ignore, resolve, timer };
    });
    try {
      await this.write(request);
    } catch (error) {
      const waiter = this.waiter as Waiter | null;
      if (waiter) {
        clearTimeout(waiter.timer);
        this.waiter = null;
      }
      throw error;
    }
    this.settle();
    return answer;
  }

  async status(ignore?: (byte: number) => boolean): Promise<PrinterStatus> {
    const replies: StatusReplies = [null, null, null, null];
    for (const n of [1, 2, 3, 4] as const) {
      let reply: Uint8Array | null;
      try {
        reply = await this.query(DLE_EOT(n), 1, this.timeouts.replyMs, ignore);
      } catch {
        reply = null;
      }
      replies[n - 1] = reply?.[0] ?? null;
      // No answer to n = 1 already means no-reply; do not wait three more timeouts.
      if (n === 1 && replies[0] === null) break;
    }
    return parseStatusReplies(replies);
  }

  async close(): Promise<void> {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(null);
    }
    if (!this.openNow) {
      await this.disconnect().catch(() => undefined);
      return;
    }
    this.openNow = false;
    await this.disconnect().catch(() => undefined);
  }
}

/** Rejects with `write-timeout` when `work` does not finish in time. */
export const withTimeout = async <T>(work: Promise<T>, ms: number, onTimeout: () => PrinterTransportError): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
};
