import { PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterTimeouts } from '../../shared/ports/printer-transport';
import { StreamPrinterTransport } from './stream-transport';

/**
 * The parts of the `usb` package (~2.18) this transport uses, so tests can pass a fake and
 * the native module is loaded only when a USB printer is configured.
 */
export interface UsbEndpointLike {
  direction: 'in' | 'out';
  transferType: number;
  timeout: number;
}
export interface UsbOutEndpointLike extends UsbEndpointLike {
  transferAsync(buffer: Buffer): Promise<number>;
}
export interface UsbInEndpointLike extends UsbEndpointLike {
  startPoll(nTransfers?: number, transferSize?: number): unknown;
  stopPoll(callback?: () => void): void;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}
export interface UsbInterfaceLike {
  descriptor: { bInterfaceClass: number };
  endpoints: UsbEndpointLike[];
  claim(): void;
  release(closeEndpoints: boolean, callback: (error?: Error) => void): void;
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
}
export interface UsbDeviceLike {
  interfaces: UsbInterfaceLike[] | undefined;
  open(): void;
  close(): void;
}
export interface UsbModuleLike {
  findByIds(vid: number, pid: number): UsbDeviceLike | undefined;
}

/** USB printer class (USB Device Class Definition for Printing Devices 1.1). */
export const USB_CLASS_PRINTER = 7;
const BULK = 2;

export const loadUsbModule = async (): Promise<UsbModuleLike> => {
  const usb: UsbModuleLike = await import('usb');
  return usb;
};

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

const failureOf = (error: unknown, label: string): PrinterTransportError => {
  const text = error instanceof Error ? error.message : String(error);
  if (/ACCESS/i.test(text)) return new PrinterTransportError('access-denied', `${label}: no permission to open the device (udev rule or driver)`);
  if (/NO_DEVICE|NOT_FOUND/i.test(text)) return new PrinterTransportError('not-found', `${label}: device is not connected`);
  if (/TIMEOUT/i.test(text)) return new PrinterTransportError('write-timeout', `${label}: printer did not take the data in time`);
  if (/PIPE|IO|OVERFLOW/i.test(text)) return new PrinterTransportError('connection-lost', `${label}: USB transfer failed (${text})`);
  return new PrinterTransportError('io-error', `${label}: ${text}`);
};

/**
 * A USB receipt printer: finds it by vendor and product id, claims its printer-class interface
 * (detaching the kernel's usblp driver on Linux), writes on the bulk OUT endpoint and reads
 * status replies from the bulk IN endpoint.
 */
export class UsbPrinterTransport extends StreamPrinterTransport {
  readonly kind = 'usb' as const;
  readonly label: string;
  private device: UsbDeviceLike | null = null;
  private iface: UsbInterfaceLike | null = null;
  private out: UsbOutEndpointLike | null = null;
  private in: UsbInEndpointLike | null = null;

  constructor(
    private readonly vendorId: number,
    private readonly productId: number,
    timeouts: Partial<PrinterTimeouts> = {},
    private readonly loadUsb: () => Promise<UsbModuleLike> = loadUsbModule,
  ) {
    super(timeouts);
    this.label = `usb ${hex4(vendorId)}:${hex4(productId)}`;
  }

  protected async connect(): Promise<void> {
    let usb: UsbModuleLike;
    try {
      usb = await this.loadUsb();
    } catch (error) {
      throw new PrinterTransportError('io-error', `${this.label}: the usb module could not be loaded (${error instanceof Error ? error.message : String(error)})`);
    }
    const device = usb.findByIds(this.vendorId, this.productId);
    if (!device) throw new PrinterTransportError('not-found', `${this.label}: no such device is connected`);
    try {
      device.open();
    } catch (error) {
      throw failureOf(error, this.label);
    }
    this.device = device;
    const iface = device.interfaces?.find((i) => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER) ?? device.interfaces?.[0];
    const out = iface?.endpoints.find((e) => e.direction === 'out' && e.transferType === BULK) as UsbOutEndpointLike | undefined;
    const input = iface?.endpoints.find((e) => e.direction === 'in' && e.transferType === BULK) as UsbInEndpointLike | undefined;
    if (!iface || !out) {
      this.closeDevice();
      throw new PrinterTransportError('not-found', `${this.label}: no printer interface with a bulk OUT endpoint`);
    }
    try {
      if (iface.isKernelDriverActive()) iface.detachKernelDriver();
      iface.claim();
    } catch (error) {
      this.closeDevice();
      throw failureOf(error, this.label);
    }
    this.iface = iface;
    out.timeout = this.timeouts.writeMs;
    this.out = out;
    if (input) {
      this.in = input;
      input.on('data', (data: Buffer) => this.received(data));
      input.on('error', (error: Error) => this.lost(failureOf(error, this.label)));
      input.startPoll(1, 64);
    }
  }

  protected async send(bytes: Uint8Array): Promise<void> {
    const out = this.out;
    if (!out) throw new PrinterTransportError('connection-lost', `${this.label}: not open`);
    try {
      await out.transferAsync(Buffer.from(bytes));
    } catch (error) {
      const failure = failureOf(error, this.label);
      if (failure.reason !== 'write-timeout') this.lost(failure);
      throw failure;
    }
  }

  private closeDevice(): void {
    try {
      this.device?.close();
    } catch {
      // Already gone (unplugged): nothing to release.
    }
    this.device = null;
  }

  protected async disconnect(): Promise<void> {
    const input = this.in;
    this.in = null;
    this.out = null;
    if (input) {
      await new Promise<void>((resolve) => {
        try {
          input.stopPoll(() => resolve());
        } catch {
          resolve();
        }
      });
      input.removeAllListeners('data');
      input.removeAllListeners('error');
    }
    const iface = this.iface;
    this.iface = null;
    if (iface) await new Promise<void>((resolve) => iface.release(true, () => resolve()));
    this.closeDevice();
  }
}
