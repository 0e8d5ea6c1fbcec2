import { join } from 'node:path';
import type { Settings } from '../../shared/domain/settings';
import type { DeviceInfo } from '../../shared/ipc/commands/devices';
import type { PrinterState, PrintResult, VirtualPrinterStateName } from '../../shared/ipc/commands/printer';
import type { PrinterFailure, PrinterStatus, PrinterTimeouts, PrinterTransport } from '../../shared/ports/printer-transport';
import { VirtualPrinter } from './virtual/virtual-printer';
import type { CoreContext } from '../services/core-context';
import { EncodeError, encodeReceipt } from './encode-receipt';
import { checkStatus, runPrintJob } from './print-job';
import { SerialPrinterTransport } from './serial-transport';
import type { SerialPortFactory } from './serial-transport';
import { TcpPrinterTransport } from './tcp-transport';
import { UsbPrinterTransport } from './usb-transport';
import type { UsbModuleLike } from './usb-transport';
import { NotConfiguredTransport } from './not-configured-transport';
import { fireAndLog } from '../services/fire-and-log';

export const PRINTER_DEVICE_ID = 'printer:main';

export interface PrinterServiceOptions {
  /** Status poll period while idle; 0 turns polling off (tests). */
  pollMs?: number;
  timeouts?: Partial<PrinterTimeouts>;
  processedTimeoutMs?: number;
  loadUsb?: () => Promise<UsbModuleLike>;
  createSerialPort?: SerialPortFactory;
  /** Virtual printer port (0: any free port). */
  virtualPort?: number;
  /** Draw PNGs of virtual receipts (tests turn it off for speed). */
  virtualPng?: boolean;
  now?: () => Date;
}

type Kind = PrinterState['transport'];

/** Training mode prints to the built-in virtual printer whatever printer is configured. */
export const usesVirtualPrinter = (settings: Settings): boolean => settings.general.trainingMode || settings.printer.transport === 'virtual';

const deviceStatus = (condition: PrinterState['condition'], busy: boolean): DeviceInfo['status'] => {
  if (busy) return 'busy';
  if (condition === 'ready') return 'ready';
  if (condition === 'paper-near-end' || condition === 'checking') return 'attention';
  if (['offline', 'no-reply', 'connection-refused', 'connect-timeout', 'not-found', 'connection-lost'].includes(condition)) return 'offline';
  return 'error';
};

/**
 * The console's one receipt printer: builds the transport the settings ask for, runs the
 * built-in virtual printer in training mode, serialises jobs and status checks (a printer
 * takes one connection at a time), polls status while idle and publishes every change.
 */
export class PrinterService {
  virtual: VirtualPrinter | null = null;
  private current: PrinterState;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly confirmedJobs: string[] = [];
  private readonly inFlight = new Set<string>();
  private stopped = false;
  private offSettings: (() => void) | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly opts: PrinterServiceOptions = {},
  ) {
    this.current = this.blankState();
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private kind(): Kind {
    const s = this.ctx.settings.get();
    return usesVirtualPrinter(s) ? 'virtual' : s.printer.transport;
  }

  private blankState(): PrinterState {
    const p = this.ctx.settings.get().printer;
    return { printer: this.label(), transport: this.kind(), status: null, condition: 'checking', busy: false, checkedAt: null, paperWidth: p.paperWidth, dotsPerLine: p.dotsPerLine, chinese: p.chinese };
  }

  private label(): string {
    return this.transport().label;
  }

  /** A fresh transport for the current settings (connections are per job or check). */
  transport(): PrinterTransport {
    const p = this.ctx.settings.get().printer;
    const t = this.opts.timeouts ?? {};
    switch (this.kind()) {
      case 'virtual': {
        const address = this.virtual?.address;
        return address ? new TcpPrinterTransport(address.host, address.port, t, 'virtual') : new NotConfiguredTransport('virtual', 'virtual (not running)');
      }
      case 'tcp':
        return new TcpPrinterTransport(p.host, p.port, t);
      case 'usb':
        return p.usbVendorId === null || p.usbProductId === null ? new NotConfiguredTransport('usb', 'usb (no vendor/product id)') : new UsbPrinterTransport(p.usbVendorId, p.usbProductId, t, this.opts.loadUsb);
      case 'serial':
        return new SerialPrinterTransport(p.serialPath, p.baudRate, t, this.opts.createSerialPort);
    }
  }

  state(): PrinterState {
    return this.current;
  }

  async start(): Promise<void> {
    await this.syncVirtual();
    this.publish({ ...this.blankState() });
    this.offSettings = this.ctx.settings.onChange(() => {
      fireAndLog(
        this.ctx.logger,
        'printer.settings-failed',
        this.syncVirtual().then(() => {
          this.publish({ ...this.blankState(), busy: this.current.busy });
          return this.refresh();
        }),
      );
    });
    const pollMs = this.opts.pollMs ?? 5_000;
    if (pollMs > 0) {
      this.timer = setInterval(() => {
        if (!this.current.busy) fireAndLog(this.ctx.logger, 'printer.refresh-failed', this.refresh());
      }, pollMs);
      this.timer.unref();
    }
    fireAndLog(this.ctx.logger, 'printer.refresh-failed', this.refresh());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.offSettings?.();
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    if (this.virtual) await this.virtual.stop();
    this.virtual = null;
  }

  private async syncVirtual(): Promise<void> {
    const s = this.ctx.settings.get();
    const wanted = usesVirtualPrinter(s) && !this.stopped;
    if (wanted && !this.virtual) {
      const printer = new VirtualPrinter({ dots: s.printer.dotsPerLine, folder: join(this.ctx.platform.dataDir, 'virtual-printer'), renderPng: this.opts.virtualPng ?? true });
      await printer.start(this.opts.virtualPort ?? 0);
      printer.onReceipt((r) => this.ctx.events.emit('printer:virtual-printed', { id: r.id, at: new Date(r.at).toISOString() }));
      this.virtual = printer;
      this.ctx.logger.info('printer.virtual-started', { address: `${printer.address?.host}:${printer.address?.port}` });
    } else if (!wanted && this.virtual) {
      const printer = this.virtual;
      this.virtual = null;
      await printer.stop();
    }
  }

  /** Runs `work` after every earlier job or check: one conversation with the printer at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private publish(next: PrinterState): void {
    const before = this.current;
    this.current = next;
    const changed = before.condition !== next.condition || before.busy !== next.busy || before.printer !== next.printer || before.status?.replies.join() !== next.status?.replies.join();
    this.ctx.devices.upsert({
      id: PRINTER_DEVICE_ID,
      kind: 'printer',
      name: next.printer,
      transport: next.transport,
      vendorId: this.ctx.settings.get().printer.usbVendorId,
      productId: this.ctx.settings.get().printer.usbProductId,
      status: deviceStatus(next.condition, next.busy),
      detail: next.condition,
      virtual: next.transport === 'virtual',
      lastEventAt: next.checkedAt,
    });
    if (changed) this.ctx.events.emit('printer:status-changed', next);
  }

  private settle(status: PrinterStatus | null, failure: PrinterFailure | null, busy: boolean): PrinterState {
    const condition = status?.code ?? failure ?? 'no-reply';
    const next = { ...this.blankState(), status, condition, busy, checkedAt: this.now().toISOString() };
    this.publish(next);
    return next;
  }

  /** Reads the status now (waits for a running job). */
  refresh(): Promise<PrinterState> {
    return this.exclusive(async () => {
      const result = await checkStatus(this.transport());
      return this.settle(result.status, result.failure, false);
    });
  }

  /** Encodes and prints; never throws for printer problems (they are the result). */
  async print(jobId: string, markup: string, copy: string): Promise<PrintResult> {
    const label = this.label();
    const failed = (failure: PrinterFailure, message: string, extra: Partial<PrintResult> = {}): PrintResult => ({
      jobId, state: 'failed', failure, message, bytesSha256: null, byteCount: 0, sent: false, printer: label, durationMs: 0, ...extra,
    });
    if (this.inFlight.has(jobId) || this.confirmedJobs.includes(jobId)) return failed('duplicate-job', 'this job was already sent; a reprint needs a new job');
    const p = this.ctx.settings.get().printer;
    let encoded;
    try {
      encoded = encodeReceipt(markup, { paperWidth: p.paperWidth, dotsPerLine: p.dotsPerLine, chinese: p.chinese, cut: p.cut, drawerPulse: p.drawerPulse && copy === 'merchant' });
    } catch (error) {
      if (error instanceof EncodeError) return failed(error.reason, error.message);
      return failed('render-failed', `receipt could not be encoded: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.inFlight.add(jobId);
    try {
      return await this.exclusive(async () => {
        this.publish({ ...this.current, busy: true });
        const transport = this.transport();
        const outcome = await runPrintJob(transport, encoded.bytes, this.opts.processedTimeoutMs === undefined ? {} : { processedTimeoutMs: this.opts.processedTimeoutMs });
        const last = outcome.after ?? outcome.before;
        this.settle(last, outcome.state === 'failed' && (!last || last.code === 'ready') ? outcome.failure : null, false);
        if (outcome.state === 'confirmed') {
          this.confirmedJobs.push(jobId);
          if (this.confirmedJobs.length > 500) this.confirmedJobs.shift();
        }
        this.ctx.logger.info('printer.job', { jobId, copy, state: outcome.state, failure: outcome.failure, bytes: encoded.byteCount, ms: outcome.durationMs, printer: transport.label });
        return {
          jobId,
          state: outcome.state,
          failure: outcome.failure,
          message: outcome.message,
          bytesSha256: encoded.sha256,
          byteCount: encoded.byteCount,
          sent: outcome.before !== null && (outcome.before.code === 'ready' || outcome.before.code === 'paper-near-end'),
          printer: transport.label,
          durationMs: Math.round(outcome.durationMs),
        };
      });
    } finally {
      this.inFlight.delete(jobId);
    }
  }

  async setVirtualState(state: VirtualPrinterStateName): Promise<void> {
    if (!this.virtual) return;
    await this.virtual.setState(state);
    fireAndLog(this.ctx.logger, 'printer.refresh-failed', this.refresh());
  }
}
