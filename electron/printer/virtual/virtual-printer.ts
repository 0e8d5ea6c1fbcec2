import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { EscposParser } from '../escpos/escpos-parser';
import type { PrintedReceipt } from '../escpos/page';
import { renderReceiptPng } from './render-png';
import { receiptText } from './render-text';

/**
 * The virtual receipt printer: a real TCP 9100-style server that interprets the ESC/POS it
 * receives, answers `DLE EOT` and `GS r` from a settable state, and keeps each receipt as text
 * and PNG (in memory, and in a folder when one is given). Used by training mode and the tests.
 */
export type VirtualPrinterState = 'online' | 'paper-near-end' | 'paper-end' | 'cover-open' | 'offline' | 'drop-mid-job' | 'unresponsive' | 'garbage';

export interface VirtualReceipt {
  id: string;
  at: number;
  text: string;
  /** Filled once the PNG is drawn (a few tens of ms after the receipt arrives). */
  pngDataUrl: string | null;
  byteCount: number;
  cut: boolean;
}

export interface VirtualPrinterOptions {
  host?: string;
  /** Printable dots per line (384 for 58 mm, 576 for 80 mm). */
  dots?: number;
  /** Folder for `<time>-<n>.txt` and `.png`; null keeps receipts in memory only. */
  folder?: string | null;
  /** Receipts kept in memory. */
  keep?: number;
  /** Draw PNGs (off for byte-level tests that only need text). */
  renderPng?: boolean;
  /** In state `drop-mid-job`, the connection is closed after this many job bytes. */
  dropAfterBytes?: number;
  now?: () => number;
}

/** Epson DLE EOT replies for a state (see electron/printer/dle-eot-status.ts for the bit table). */
export const statusReply = (state: VirtualPrinterState, n: number): number => {
  const fixed = 0x12;
  const paperEnd = state === 'paper-end';
  const cover = state === 'cover-open';
  if (state === 'garbage') return 0xff;
  switch (n) {
    case 1:
      return fixed | (paperEnd || cover ? 0x08 : 0);
    case 2:
      return fixed | (cover ? 0x04 | 0x40 : 0) | (paperEnd ? 0x20 : 0);
    case 3:
      return fixed;
    case 4:
      return fixed | (state === 'paper-near-end' ? 0x0c : 0) | (paperEnd ? 0x60 : 0);
    default:
      return fixed;
  }
};

/** `GS r 1` paper sensor reply: bits 0-1 near end, bits 2-3 paper end. */
const paperReply = (state: VirtualPrinterState): number => (state === 'paper-near-end' ? 0x03 : state === 'paper-end' ? 0x0c : 0x00);

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('Z', '').replace('.', '-');

interface Connection {
  socket: Socket;
  /** Receipts finished on this connection, drawn once it closes so replies are never delayed. */
  done: PrintedReceipt[];
  parser: EscposParser;
  held: number[];
  jobBytes: number;
}

export class VirtualPrinter {
  private server: Server | null = null;
  private port = 0;
  private readonly host: string;
  private readonly dots: number;
  private current: VirtualPrinterState = 'online';
  private paperEndAfter: number | null = null;
  private readonly connections = new Set<Connection>();
  private readonly list: VirtualReceipt[] = [];
  private readonly listeners = new Set<(receipt: VirtualReceipt) => void>();
  private readonly pending = new Set<Promise<void>>();
  private counter = 0;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {
    this.host = opts.host ?? '127.0.0.1';
    this.dots = opts.dots ?? 576;
  }

  get address(): { host: string; port: number } | null {
    return this.port > 0 ? { host: this.host, port: this.port } : null;
  }

  get state(): VirtualPrinterState {
    return this.current;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** Starts listening (port 0 picks a free port); resolves with the address. */
  async start(port = 0): Promise<{ host: string; port: number }> {
    if (this.server) return { host: this.host, port: this.port };
    await this.listen(port);
    return { host: this.host, port: this.port };
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.removeListener('error', reject);
        this.server = server;
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
    return server ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.closeListener();
    this.port = 0;
    await this.whenIdle();
  }

  /** `offline` stops listening (connections are refused, like a printer that is switched off). */
  async setState(state: VirtualPrinterState): Promise<void> {
    const was = this.current;
    this.current = state;
    if (state !== 'paper-end') this.paperEndAfter = null;
    if (state === 'offline' && this.server) await this.closeListener();
    if (state !== 'offline' && was === 'offline' && !this.server && this.port > 0) await this.listen(this.port);
    if (state === 'online' || state === 'paper-near-end') {
      // Paper loaded / cover closed: held bytes of jobs still connected print now.
      for (const c of this.connections) this.release(c);
    }
  }

  /** The paper runs out after this many more bytes of the next job (for tests of a mid-job paper end). */
  runOutOfPaperAfter(bytes: number): void {
    this.paperEndAfter = bytes;
  }

  receipts(limit = 10): VirtualReceipt[] {
    return this.list.slice(-limit).reverse();
  }

  onReceipt(listener: (receipt: VirtualReceipt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves when connections that were closing have closed and every PNG and file of received
   * receipts has been written (waits at most `maxMs` for open connections).
   */
  async whenIdle(maxMs = 1_000): Promise<void> {
    const until = Date.now() + maxMs;
    while (this.connections.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private holding(): boolean {
    return this.current === 'paper-end' || this.current === 'cover-open';
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const conn: Connection = {
      socket,
      held: [],
      done: [],
      jobBytes: 0,
      parser: new EscposParser(this.dots, {
        realtimeStatus: (n) => this.reply(conn, statusReply(this.current, n)),
        transmitStatus: () => this.reply(conn, paperReply(this.current)),
        receipt: (r) => conn.done.push(r),
      }),
    };
    this.connections.add(conn);
    socket.on('data', (chunk: Buffer) => this.receive(conn, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.delete(conn);
      const rest = conn.parser.end();
      for (const r of rest ? [...conn.done, rest] : conn.done) this.keep(r);
    });
  }

  private reply(conn: Connection, byte: number): void {
    if (this.current === 'unresponsive' || conn.socket.destroyed) return;
    conn.socket.write(Uint8Array.of(byte));
  }

  /** While printing is stopped the printer still answers DLE EOT in real time. */
  private answerRealtime(conn: Connection, bytes: number[]): number[] {
    const rest: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x10 && bytes[i + 1] === 0x04 && i + 2 < bytes.length) {
        this.reply(conn, statusReply(this.current, bytes[i + 2] ?? 0));
        i += 2;
        continue;
      }
      rest.push(bytes[i] ?? 0);
    }
    return rest;
  }

  private receive(conn: Connection, chunk: Buffer): void {
    if (this.current === 'unresponsive') return;
    const isQuery = chunk.length === 3 && ((chunk[0] === 0x10 && chunk[1] === 0x04) || (chunk[0] === 0x1d && chunk[1] === 0x72));
    if (!isQuery) conn.jobBytes += chunk.length;
    if (this.current === 'drop-mid-job' && conn.jobBytes > (this.opts.dropAfterBytes ?? 200)) {
      conn.socket.destroy();
      return;
    }
    if (this.holding()) {
      conn.held.push(...this.answerRealtime(conn, [...chunk]));
      return;
    }
    const bytes: Uint8Array = chunk;
    if (this.paperEndAfter !== null && !isQuery) {
      const room = this.paperEndAfter - conn.parser.pendingBytes;
      if (bytes.length > room) {
        conn.parser.feed(bytes.subarray(0, Math.max(0, room)));
        this.current = 'paper-end';
        this.paperEndAfter = null;
        conn.held.push(...this.answerRealtime(conn, [...bytes.subarray(Math.max(0, room))]));
        return;
      }
    }
    conn.parser.feed(bytes);
  }

  private release(conn: Connection): void {
    if (conn.held.length === 0) return;
    const held = Uint8Array.from(conn.held);
    conn.held = [];
    conn.parser.feed(held);
  }

  private keep(printed: PrintedReceipt): void {
    const at = this.opts.now?.() ?? Date.now();
    this.counter += 1;
    const id = `${stamp(at)}-${this.counter}`;
    const receipt: VirtualReceipt = { id, at, text: receiptText(printed), pngDataUrl: null, byteCount: printed.byteCount, cut: printed.cut };
    this.list.push(receipt);
    while (this.list.length > (this.opts.keep ?? 20)) this.list.shift();
    const folder = this.opts.folder ?? null;
    const work = new Promise<void>((resolve) => {
      setImmediate(() => {
        try {
          if (folder) {
            mkdirSync(folder, { recursive: true });
            writeFileSync(join(folder, `${id}.txt`), receipt.text);
          }
          if (this.opts.renderPng !== false) {
            const png = renderReceiptPng(printed);
            receipt.pngDataUrl = `data:image/png;base64,${png.toString('base64')}`;
            if (folder) writeFileSync(join(folder, `${id}.png`), png);
          }
        } catch {
          // A full disk or a font problem must not stop the virtual printer; the text is in memory.
        }
        for (const listener of this.listeners) listener(receipt);
        resolve();
      });
    });
    this.pending.add(work);
    // `work` always resolves (its failures are handled inside); this only forgets it when done.
    work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
  }
}
