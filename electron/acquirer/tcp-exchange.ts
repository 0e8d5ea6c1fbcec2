import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tryDecodeMessage } from './iso8583/codec';
import type { IsoMessage } from './iso8583/codec';
import { FrameReader } from './iso8583/framing';

/**
 * One request, one answer, on its own TCP connection (the UnionPay POS short-connection style):
 * connect (with a timeout), write the frame, wait for the frame that answers it (with a
 * timeout), close. Frames that do not answer this request (another MTI or STAN) are skipped.
 * `sent` tells whether any byte left: before the connection was up nothing did.
 */
export interface ExchangeOptions {
  host: string;
  port: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  headerLength: number;
  /** Called for a frame that decoded but does not answer this request. */
  onStale?: (message: IsoMessage) => void;
}

export type ExchangeFailure = 'timeout' | 'no-connection' | 'socket-closed' | 'malformed';

export type ExchangeOutcome =
  | { ok: true; body: Uint8Array; message: IsoMessage; tpdu: Uint8Array; header: Uint8Array }
  | { ok: false; failure: ExchangeFailure; sent: boolean; detail: string; rejection?: { reason: string; field: number | null } };

export class ExchangeAbort {
  private readonly sockets = new Set<Socket>();
  add(socket: Socket): () => void {
    this.sockets.add(socket);
    return () => this.sockets.delete(socket);
  }
  abortAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

export const exchangeFrame = (frame: Uint8Array, answers: (message: IsoMessage) => boolean, opts: ExchangeOptions, abort?: ExchangeAbort): Promise<ExchangeOutcome> =>
  new Promise((resolve) => {
    let connected = false;
    let settled = false;
    let responseTimer: NodeJS.Timeout | null = null;
    const socket = connect({ host: opts.host, port: opts.port });
    const forget = abort?.add(socket);
    const reader = new FrameReader(opts.headerLength);
    const finish = (outcome: ExchangeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      if (responseTimer) clearTimeout(responseTimer);
      forget?.();
      socket.destroy();
      resolve(outcome);
    };
    const connectTimer = setTimeout(() => finish({ ok: false, failure: 'no-connection', sent: false, detail: `connect timeout after ${opts.connectTimeoutMs} ms` }), opts.connectTimeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      responseTimer = setTimeout(() => finish({ ok: false, failure: 'timeout', sent: true, detail: `no answer within ${opts.responseTimeoutMs} ms` }), opts.responseTimeoutMs);
      socket.write(frame);
    });
    socket.on('data', (chunk: Buffer) => {
      for (const item of reader.push(chunk)) {
        if (!item.ok) return finish({ ok: false, failure: 'malformed', sent: true, detail: `${item.error.reason}: ${item.error.message}`, rejection: { reason: item.error.reason, field: item.error.field } });
        const decoded = tryDecodeMessage(item.frame.body);
        if (!decoded.ok) return finish({ ok: false, failure: 'malformed', sent: true, detail: `${decoded.error.reason}: ${decoded.error.message}`, rejection: { reason: decoded.error.reason, field: decoded.error.field } });
        if (!answers(decoded.message)) {
          opts.onStale?.(decoded.message);
          continue;
        }
        return finish({ ok: true, body: item.frame.body, message: decoded.message, tpdu: item.frame.tpdu, header: item.frame.header });
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(connected ? { ok: false, failure: 'socket-closed', sent: true, detail: error.code ?? error.message } : { ok: false, failure: 'no-connection', sent: false, detail: error.code ?? error.message });
    });
    socket.on('close', () => {
      finish(connected ? { ok: false, failure: 'socket-closed', sent: true, detail: 'the host closed the connection before answering' } : { ok: false, failure: 'no-connection', sent: false, detail: 'closed before connecting' });
    });
  });
