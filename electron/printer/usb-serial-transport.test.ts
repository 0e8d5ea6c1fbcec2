import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runPrintJob } from './print-job';
import { SerialPrinterTransport } from './serial-transport';
import type { SerialPortLike } from './serial-transport';
import { UsbPrinterTransport, USB_CLASS_PRINTER } from './usb-transport';
import type { UsbDeviceLike, UsbInEndpointLike, UsbInterfaceLike, UsbModuleLike, UsbOutEndpointLike } from './usb-transport';

const JOB = Uint8Array.of(0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0x42, 0x00);

const PAPER_END = [0x1a, 0x32, 0x12, 0x72];

/** Answers like a printer: DLE EOT n → `status` (one byte for every n, or one per n), GS r 1 → 0x00. */
const answer = (bytes: Uint8Array, status: number | number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x10 && bytes[i + 1] === 0x04) out.push(Array.isArray(status) ? (status[(bytes[i + 2] ?? 1) - 1] ?? 0x12) : status);
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x72) out.push(0x00);
  }
  return out;
};

class FakeIn extends EventEmitter implements UsbInEndpointLike {
  direction = 'in' as const;
  transferType = 2;
  timeout = 0;
  polling = false;
  startPoll(): void {
    this.polling = true;
  }
  stopPoll(cb?: () => void): void {
    this.polling = false;
    cb?.();
  }
}

const fakeUsb = (opts: { status?: number | number[]; openError?: string; kernelDriver?: boolean } = {}) => {
  const written: number[] = [];
  const input = new FakeIn();
  const out: UsbOutEndpointLike = {
    direction: 'out',
    transferType: 2,
    timeout: 0,
    transferAsync: (buffer: Buffer) => {
      written.push(...buffer);
      const reply = answer(buffer, opts.status ?? 0x12);
      if (reply.length > 0) setImmediate(() => input.emit('data', Buffer.from(reply)));
      return Promise.resolve(buffer.length);
    },
  };
  const calls: string[] = [];
  const iface: UsbInterfaceLike = {
    descriptor: { bInterfaceClass: USB_CLASS_PRINTER },
    endpoints: [input, out],
    claim: () => calls.push('claim'),
    release: (_close, cb) => {
      calls.push('release');
      cb();
    },
    isKernelDriverActive: () => opts.kernelDriver ?? false,
    detachKernelDriver: () => calls.push('detach'),
  };
  const device: UsbDeviceLike = {
    interfaces: [iface],
    open: () => {
      if (opts.openError) throw new Error(opts.openError);
      calls.push('open');
    },
    close: () => calls.push('close'),
  };
  const usb: UsbModuleLike = { findByIds: (vid, pid) => (vid === 0x0416 && pid === 0x5011 ? device : undefined) };
  return { usb, written, calls, input };
};

describe('UsbPrinterTransport (usb injected)', () => {
  it('claims the printer-class interface, writes bulk OUT and reads status on bulk IN', async () => {
    const fake = fakeUsb({ kernelDriver: true });
    const outcome = await runPrintJob(new UsbPrinterTransport(0x0416, 0x5011, { replyMs: 200 }, () => Promise.resolve(fake.usb)), JOB, { processedTimeoutMs: 200 });
    expect(outcome).toMatchObject({ state: 'confirmed', processed: true });
    expect(fake.calls).toEqual(['open', 'detach', 'claim', 'release', 'close']);
    expect(Buffer.from(fake.written).toString('hex')).toContain(Buffer.from(JOB).toString('hex'));
    expect(fake.input.polling).toBe(false);
  });

  it('names a missing device, a permission problem and paper end', async () => {
    const missing = await runPrintJob(new UsbPrinterTransport(0x1234, 0x5678, {}, () => Promise.resolve(fakeUsb().usb)), JOB);
    expect(missing).toMatchObject({ state: 'failed', failure: 'not-found' });
    const denied = await runPrintJob(new UsbPrinterTransport(0x0416, 0x5011, {}, () => Promise.resolve(fakeUsb({ openError: 'LIBUSB_ERROR_ACCESS' }).usb)), JOB);
    expect(denied).toMatchObject({ state: 'failed', failure: 'access-denied' });
    const paper = await runPrintJob(new UsbPrinterTransport(0x0416, 0x5011, { replyMs: 200 }, () => Promise.resolve(fakeUsb({ status: PAPER_END }).usb)), JOB);
    expect(paper).toMatchObject({ state: 'failed', failure: 'paper-end' });
  });

  it('reports a usb module that cannot load instead of crashing', async () => {
    const outcome = await runPrintJob(new UsbPrinterTransport(1, 2, {}, () => Promise.reject(new Error('libusb missing'))), JOB);
    expect(outcome).toMatchObject({ state: 'failed', failure: 'io-error' });
    expect(outcome.message).toMatch(/libusb missing/);
  });
});

class FakeSerial extends EventEmitter implements SerialPortLike {
  isOpen = false;
  written: number[] = [];
  private lastWrite = 0;
  constructor(private readonly opts: { openError?: string; status?: number; stall?: boolean }) {
    super();
  }
  open(cb: (error: Error | null) => void): void {
    if (this.opts.openError) return cb(new Error(this.opts.openError));
    this.isOpen = true;
    cb(null);
  }
  write(data: Buffer, cb: (error: Error | null | undefined) => void): boolean {
    this.written.push(...data);
    this.lastWrite = data.length;
    const reply = answer(data, this.opts.status ?? 0x12);
    if (reply.length > 0) setImmediate(() => this.emit('data', Buffer.from(reply)));
    cb(null);
    return true;
  }
  drain(cb: (error: Error | null) => void): void {
    // A stalled printer (flow control held) takes status queries but not the job.
    if (!this.opts.stall || this.lastWrite <= 3) cb(null);
  }
  close(cb: (error: Error | null) => void): void {
    this.isOpen = false;
    cb(null);
  }
}

describe('SerialPrinterTransport (serialport injected)', () => {
  it('prints and confirms over a serial port', async () => {
    const port = new FakeSerial({});
    const outcome = await runPrintJob(new SerialPrinterTransport('/dev/ttyUSB0', 9600, { replyMs: 200 }, () => Promise.resolve(port)), JOB, { processedTimeoutMs: 200 });
    expect(outcome).toMatchObject({ state: 'confirmed' });
    expect(port.isOpen).toBe(false);
  });

  it('names a missing port, a locked port and a printer that stops taking data', async () => {
    const missing = await runPrintJob(new SerialPrinterTransport('COM9', 9600, {}, () => Promise.resolve(new FakeSerial({ openError: 'Opening COM9: File not found' }))), JOB);
    expect(missing).toMatchObject({ failure: 'not-found' });
    const denied = await runPrintJob(new SerialPrinterTransport('/dev/ttyS0', 9600, {}, () => Promise.resolve(new FakeSerial({ openError: 'Error: Permission denied, cannot open /dev/ttyS0' }))), JOB);
    expect(denied).toMatchObject({ failure: 'access-denied' });
    const stalled = await runPrintJob(new SerialPrinterTransport('/dev/ttyS0', 9600, { writeMs: 100, replyMs: 100 }, () => Promise.resolve(new FakeSerial({ stall: true }))), JOB);
    expect(stalled).toMatchObject({ failure: 'write-timeout' });
    const unset = await runPrintJob(new SerialPrinterTransport('', 9600), JOB);
    expect(unset).toMatchObject({ failure: 'not-configured' });
  });
});
