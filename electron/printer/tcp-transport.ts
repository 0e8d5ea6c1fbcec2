import { Socket } from 'node:net';
import { PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterTimeouts, PrinterTransportKind } from '../../shared/ports/printer-transport';
import { StreamPrinterTransport, withTimeout } from './stream-transport';

const failureOf = (error: NodeJS.ErrnoException, label: string): PrinterTransportError => {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new PrinterTransportError('connection-refused', `${label}: connection refused (printer off or wrong address)`);
    case 'ETIMEDOUT':
      return new PrinterTransportError('connect-timeout', `${label}: no answer to connect`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterTransportError('not-found', `${label}: address not reachable (${error.code})`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new PrinterTransportError('connection-lost', `${label}: connection closed by the printer`);
    default:
      return new PrinterTransportError('io-error', `${label}: ${error.code ?? error.message}`);
  }
};

/**
 * A network printer on raw TCP (port 9100, "JetDirect"/AppSocket). Most network receipt
 * printers accept one connection at a time, so the connection is opened per job or status
 * check and closed right after.
 */
export class TcpPrinterTransport extends StreamPrinterTransport {
  readonly label: string;
  private socket: Socket | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    timeouts: Partial<PrinterTimeouts> = {},
    readonly kind: PrinterTransportKind = 'tcp',
  ) {
    super(timeouts);
    this.label = `${kind} ${host}:${port}`;
  }

  protected connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      this.socket = socket;
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterTransportError('connect-timeout', `${this.label}: no answer to connect within ${this.timeouts.connectMs} ms`));
      }, this.timeouts.connectMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(failureOf(error, this.label));
      });
      socket.connect(this.port, this.host, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('data', (chunk: Buffer) => this.received(chunk));
        socket.on('error', (error: NodeJS.ErrnoException) => this.lost(failureOf(error, this.label)));
        socket.on('close', () => this.lost(new PrinterTransportError('connection-lost', `${this.label}: connection closed by the printer`)));
        resolve();
      });
    });
  }

  protected send(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new PrinterTransportError('connection-lost', `${this.label}: connection closed`));
    const written = new Promise<void>((resolve, reject) => {
      socket.write(bytes, (error) => (error ? reject(failureOf(error, this.label)) : resolve()));
    });
    return withTimeout(written, this.timeouts.writeMs, () => {
      socket.destroy();
      return new PrinterTransportError('write-timeout', `${this.label}: printer did not take the data within ${this.timeouts.writeMs} ms`);
    });
  }

  protected disconnect(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 500);
      socket.removeAllListeners('close');
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}
