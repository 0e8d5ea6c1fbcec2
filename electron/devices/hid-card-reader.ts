import { sha256Hex } from '../../shared/domain/hash';
import type { CardReader, CardReaderEvent, CardReaderInfo } from '../../shared/ports/card-reader';
import type { Logger } from '../services/logger';
import { CardReaderListeners } from './card-reader-listeners';
import { CARD_READER_VENDOR_IDS, IDTECH_VENDOR_ID, MAGTEK_VENDOR_ID, reportFormatFor } from './card-report';
import { loadNodeHid, loadUsbHotplug } from './hid-modules';
import type { HidDeviceInfo, HidHandle, HidModule, UsbDeviceLike, UsbHotplugModule } from './hid-modules';
import { fireAndLog } from '../services/fire-and-log';

/** Full HID enumeration is expensive on Windows: never poll more often than this. */
export const MIN_POLL_MS = 2_000;

export interface HidCardReaderOptions {
  logger: Logger;
  loadHid?: () => Promise<HidModule>;
  /** Resolve null to force polling. */
  loadUsb?: () => Promise<UsbHotplugModule | null>;
  pollMs?: number;
  /** Wait after a USB attach/detach before enumerating (the HID interface appears a little later). */
  debounceMs?: number;
}

interface Known {
  info: CardReaderInfo;
  path: string;
  handle: HidHandle | null;
}

const VENDOR_PAGE = 0xff00;
const GENERIC_DESKTOP = 0x01;
const KEYBOARD_USAGE = 0x06;

const vendorName = (vid: number): string => (vid === MAGTEK_VENDOR_ID ? 'MagTek' : vid === IDTECH_VENDOR_ID ? 'ID TECH' : 'Card');

/**
 * Card readers on USB HID through node-hid: MagTek (0x0801) and ID TECH (0x0ACD). A reader whose
 * vendor-defined collection (usage page 0xFF00) is present sends reports and is opened; one
 * that only shows a keyboard collection is in keyboard-emulation mode and is listed, not opened
 * (the renderer's swipe detector handles it). Hotplug comes from the usb package's attach/detach
 * events when it loads, else from polling. A read error closes the reader and reports it
 * detached; it is opened again when enumeration finds it. Nothing here throws to the caller.
 */
export class HidCardReader implements CardReader {
  readonly transport = 'hid' as const;
  private readonly listeners: CardReaderListeners;
  private readonly known = new Map<string, Known>();
  /** Paths that refused to open; not retried until they disappear from enumeration. */
  private readonly refused = new Set<string>();
  private hid: HidModule | null = null;
  private usb: UsbHotplugModule | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private debounceTimer: NodeJS.Timeout | null = null;
  private enumerating: Promise<void> | null = null;
  private again = false;
  private running = false;
  private readonly pollMs: number;
  private readonly debounceMs: number;
  /** Why node-hid is unavailable, or null once loaded. */
  loadError: string | null = null;
  hotplug: 'usb-events' | 'poll' | 'off' = 'off';

  constructor(private readonly opts: HidCardReaderOptions) {
    this.listeners = new CardReaderListeners(opts.logger, 'hid');
    this.pollMs = Math.max(opts.pollMs ?? MIN_POLL_MS, MIN_POLL_MS);
    this.debounceMs = opts.debounceMs ?? 500;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.hid = await (this.opts.loadHid ?? loadNodeHid)();
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
      this.opts.logger.warn('hid.unavailable', { error: this.loadError.slice(0, 200) });
      return;
    }
    const usb = await (this.opts.loadUsb ?? loadUsbHotplug)().catch(() => null);
    // stop() may have run while the native modules loaded; then start nothing.
    if (!this.running) return;
    this.usb = usb;
    if (this.usb) {
      try {
        this.usb.on('attach', this.onUsbChange);
        this.usb.on('detach', this.onUsbChange);
        this.usb.unrefHotplugEvents?.();
        this.hotplug = 'usb-events';
      } catch {
        this.usb = null;
      }
    }
    if (!this.usb) {
      this.hotplug = 'poll';
      this.pollTimer = setInterval(() => this.enumerateLater(), this.pollMs);
      this.pollTimer.unref();
    }
    this.opts.logger.info('hid.started', { hotplug: this.hotplug });
    await this.enumerate();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.pollTimer = null;
    this.debounceTimer = null;
    if (this.usb) {
      try {
        this.usb.removeListener('attach', this.onUsbChange);
        this.usb.removeListener('detach', this.onUsbChange);
      } catch {
        // The usb module is going away with the host; nothing to undo.
      }
    }
    await this.enumerating;
    for (const id of [...this.known.keys()]) this.forget(id, 'stopped');
    this.hotplug = 'off';
  }

  list(): CardReaderInfo[] {
    return [...this.known.values()].map((k) => k.info);
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Looks for readers now; attach/detach events and the poll call this. Serialised and never rejects. */
  enumerate(): Promise<void> {
    if (this.enumerating) {
      this.again = true;
      return this.enumerating;
    }
    this.enumerating = this.runEnumeration().finally(() => {
      this.enumerating = null;
      if (this.again && this.running) {
        this.again = false;
        this.enumerateLater();
      }
    });
    return this.enumerating;
  }

  /** An enumeration nobody waits for (a timer, a hotplug event): its failure is logged. */
  private enumerateLater(): void {
    fireAndLog(this.opts.logger, 'hid.enumerate-failed', this.enumerate());
  }

  private readonly onUsbChange = (device: UsbDeviceLike): void => {
    const vid = device.deviceDescriptor?.idVendor;
    if (vid !== undefined && !CARD_READER_VENDOR_IDS.includes(vid)) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.enumerateLater(), this.debounceMs);
    this.debounceTimer.unref();
  };

  private async runEnumeration(): Promise<void> {
    const hid = this.hid;
    if (!hid || !this.running) return;
    let devices: HidDeviceInfo[];
    try {
      devices = hid.devicesAsync ? await hid.devicesAsync() : hid.devices();
    } catch (error) {
      this.opts.logger.warn('hid.enumerate-failed', { error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
      return;
    }
    const seen = new Map<string, { device: HidDeviceInfo; mode: 'hid' | 'keyboard' }>();
    for (const device of devices) {
      if (!CARD_READER_VENDOR_IDS.includes(device.vendorId) || !device.path) continue;
      const page = device.usagePage ?? 0;
      const isKeyboard = page === GENERIC_DESKTOP && device.usage === KEYBOARD_USAGE;
      const isVendor = page >= VENDOR_PAGE || page === 0;
      if (!isKeyboard && !isVendor) continue;
      const id = this.idFor(device);
      // A reader exposing both collections is used through its reports.
      if (!seen.has(id) || isVendor) seen.set(id, { device, mode: isVendor ? 'hid' : 'keyboard' });
    }
    for (const id of [...this.known.keys()]) if (!seen.has(id)) this.forget(id, 'unplugged');
    for (const path of [...this.refused]) if (![...seen.values()].some((s) => s.device.path === path)) this.refused.delete(path);
    for (const [id, { device, mode }] of seen) {
      if (!this.known.has(id) && this.running) this.attach(hid, id, device, mode);
    }
  }

  /** Stable per physical port while attached; the path itself is not shown to anyone. */
  private idFor(device: HidDeviceInfo): string {
    const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
    return `card-reader:hid:${hex4(device.vendorId)}:${hex4(device.productId)}:${sha256Hex(`${device.path ?? ''}|${device.serialNumber ?? ''}`).slice(0, 8)}`;
  }

  private attach(hid: HidModule, id: string, device: HidDeviceInfo, mode: 'hid' | 'keyboard'): void {
    const path = device.path ?? '';
    const info: CardReaderInfo = {
      id,
      name: `${vendorName(device.vendorId)} ${device.product?.trim() || 'card reader'}`.slice(0, 80),
      transport: 'hid',
      vendorId: device.vendorId,
      productId: device.productId,
      format: mode === 'hid' ? reportFormatFor(device.vendorId, 0) : null,
      mode,
    };
    if (mode === 'keyboard' || this.refused.has(path)) {
      this.known.set(id, { info, path, handle: null });
      this.listeners.emit({ type: 'attached', reader: info });
      if (this.refused.has(path)) this.listeners.emit({ type: 'error', readerId: id, detail: 'open-failed' });
      return;
    }
    let handle: HidHandle;
    try {
      handle = new hid.HID(path);
    } catch (error) {
      this.refused.add(path);
      this.known.set(id, { info, path, handle: null });
      this.opts.logger.warn('hid.open-failed', { vendorId: device.vendorId, productId: device.productId, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
      this.listeners.emit({ type: 'attached', reader: info });
      this.listeners.emit({ type: 'error', readerId: id, detail: 'open-failed' });
      return;
    }
    this.known.set(id, { info, path, handle });
    handle.on('data', (data: Buffer) => this.onData(id, device.vendorId, data));
    handle.on('error', (error: unknown) => this.onReadError(id, error));
    this.opts.logger.info('hid.attached', { vendorId: device.vendorId, productId: device.productId });
    this.listeners.emit({ type: 'attached', reader: info });
  }

  private onData(id: string, vendorId: number, data: Buffer): void {
    const format = reportFormatFor(vendorId, data.length);
    if (!format) return;
    // The report holds track data: hand over a copy and zero node-hid's buffer.
    const bytes = Uint8Array.from(data);
    data.fill(0);
    this.listeners.emit({ type: 'report', readerId: id, format, bytes });
  }

  private onReadError(id: string, error: unknown): void {
    this.opts.logger.warn('hid.read-error', { readerId: id, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
    this.forget(id, 'read-error');
    // A transient error leaves the reader plugged in: look again after one poll interval.
    if (this.running) setTimeout(() => this.enumerateLater(), this.pollMs).unref();
  }

  private forget(id: string, reason: 'unplugged' | 'read-error' | 'stopped'): void {
    const known = this.known.get(id);
    if (!known) return;
    this.known.delete(id);
    if (known.handle) {
      try {
        known.handle.removeAllListeners('data');
        known.handle.close();
      } catch {
        // Closing a device that is already gone fails; it is closed either way.
      }
      // node-hid emits 'error' again while closing a vanished device; keep a no-op listener.
      known.handle.removeAllListeners('error');
      known.handle.on('error', () => undefined);
    }
    if (reason !== 'stopped') this.opts.logger.info('hid.detached', { readerId: id, reason });
    this.listeners.emit({ type: 'detached', readerId: id, reason });
  }
}
