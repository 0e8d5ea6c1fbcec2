import { PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterTimeouts } from '../../shared/ports/printer-transport';
import { StreamPrinterTransport, withTimeout } from './stream-transport';

/** The parts of serialport 13's `SerialPort` used here; tests inject a fake or `SerialPortMock`. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): unknown;
  drain(callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (error?: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

export type SerialPortFactory = (options: { path: string; baudRate: number; autoOpen: false }) => Promise<SerialPortLike>;

export const serialPortFactory: SerialPortFactory = async (options) => {
  const { SerialPort } = await import('serialport');
  const port: SerialPortLike = new SerialPort(options);
  return port;
};

const failureOf = (error: Error, label: string): PrinterTransportError => {
  const text = error.message;
  if (/ENOENT|File not found|No such file|cannot find/i.test(text)) return new PrinterTransportError('not-found', `${label}: no such serial port`);
  if (/EACCES|Access denied|Permission denied/i.test(text)) return new PrinterTransportError('access-denied', `${label}: no permission to open the port`);
  if (/lock|busy/i.test(text)) return new PrinterTransportError('io-error', `${label}: port is in use by another program`);
  return new PrinterTransportError('io-error', `${label}: ${text}`);
};

/** A serial (RS-232 or USB virtual COM) receipt printer through serialport. */
export class SerialPrinterTransport extends StreamPrinterTransport {
  readonly kind = 'serial' as const;
  readonly label: string;
  private port: SerialPortLike | null = null;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    timeouts: Partial<PrinterTimeouts> = {},
    private readonly createPort: SerialPortFactory = serialPortFactory,
  ) {
    super(timeouts);
    this.label = `serial ${path}`;
  }

  protected async connect(): Promise<void> {
    if (this.path.length === 0) throw new PrinterTransportError('not-configured', 'no serial port is set');
    let port: SerialPortLike;
    try {
      port = await this.createPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    } catch (error) {
      throw failureOf(error instanceof Error ? error : new Error(String(error)), this.label);
    }
    const opened = new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(failureOf(error, this.label)) : resolve())));
    await withTimeout(opened, this.timeouts.connectMs, () => new PrinterTransportError('connect-timeout', `${this.label}: port did not open in time`));
    this.port = port;
    port.on('data', (data: Buffer) => this.received(data));
    port.on('error', (error?: Error) => this.lost(failureOf(error ?? new Error('error'), this.label)));
    port.on('close', () => this.lost(new PrinterTransportError('connection-lost', `${this.label}: port closed (cable unplugged?)`)));
  }

  protected send(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new PrinterTransportError('connection-lost', `${this.label}: not open`));
    // At 9600 baud a 20 kB signature receipt takes ~20 s on the wire; the write timeout covers the drain.
    const sent = new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) return reject(failureOf(error, this.label));
        port.drain((drainError) => (drainError ? reject(failureOf(drainError, this.label)) : resolve()));
      });
    });
    return withTimeout(sent, this.timeouts.writeMs, () => new PrinterTransportError('write-timeout', `${this.label}: printer did not take the data in time (flow control?)`));
  }

  protected disconnect(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return Promise.resolve();
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.removeAllListeners('error');
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
