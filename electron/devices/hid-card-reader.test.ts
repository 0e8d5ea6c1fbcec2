import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardReaderEvent } from '../../shared/ports/card-reader';
import { silentLogger } from '../services/logger';
import { HidCardReader, MIN_POLL_MS } from './hid-card-reader';
import { loadNodeHid } from './hid-modules';
import type { HidDeviceInfo, HidHandle, HidModule, UsbDeviceLike, UsbHotplugModule } from './hid-modules';
import { encodeMagtekReport } from './magtek-report';

class FakeHandle extends EventEmitter implements HidHandle {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

const magtek: HidDeviceInfo = { vendorId: 0x0801, productId: 0x0002, path: '/dev/hidraw3', product: 'USB Swipe Reader', usagePage: 0xff00, usage: 1 };
const idtechKeyboard: HidDeviceInfo = { vendorId: 0x0acd, productId: 0x3810, path: '/dev/hidraw4', product: 'SecureMag', usagePage: 1, usage: 6 };
const mouse: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw1', usagePage: 1, usage: 2 };

const fakeHid = (list: HidDeviceInfo[], opts: { failOpen?: boolean } = {}) => {
  const handles: FakeHandle[] = [];
  let enumerations = 0;
  const module: HidModule = {
    devices: () => {
      enumerations += 1;
      return [...list];
    },
    HID: class {
      constructor(path: string) {
        if (opts.failOpen) throw new Error(`cannot open ${path}`);
        const h = new FakeHandle();
        handles.push(h);
        return h;
      }
    } as unknown as HidModule['HID'],
  };
  return { module, handles, list, count: () => enumerations };
};

const fakeUsb = () => {
  const emitter = new EventEmitter();
  const usb: UsbHotplugModule = {
    on: (e, l) => void emitter.on(e, l),
    removeListener: (e, l) => void emitter.removeListener(e, l),
    unrefHotplugEvents: () => undefined,
  };
  return { usb, emit: (e: 'attach' | 'detach', device: UsbDeviceLike) => emitter.emit(e, device), listeners: () => emitter.listenerCount('attach') };
};

const collect = (reader: HidCardReader): CardReaderEvent[] => {
  const events: CardReaderEvent[] = [];
  reader.onEvent((e) => events.push(e));
  return events;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('HidCardReader (fake node-hid)', () => {
  it('opens vendor-page MagTek readers, lists keyboard-mode readers unopened, ignores other devices', async () => {
    const hid = fakeHid([magtek, idtechKeyboard, mouse]);
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(null) });
    const events = collect(reader);
    await reader.start();
    expect(reader.list().map((r) => [r.vendorId, r.mode, r.format])).toEqual([
      [0x0801, 'hid', 'magtek-337'],
      [0x0acd, 'keyboard', null],
    ]);
    expect(hid.handles).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(['attached', 'attached']);
    await reader.stop();
  });

  it('emits a report with a copy of the bytes and zeroes node-hid\'s buffer', async () => {
    const hid = fakeHid([magtek]);
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(null) });
    const events = collect(reader);
    await reader.start();
    const data = Buffer.from(encodeMagtekReport({ track2: ';6212345678901232=3012101?' }));
    hid.handles[0]?.emit('data', data);
    const report = events.find((e) => e.type === 'report');
    expect(report).toMatchObject({ type: 'report', format: 'magtek-337' });
    expect(report?.type === 'report' && report.bytes.length).toBe(337);
    expect(data.every((b) => b === 0)).toBe(true);
    await reader.stop();
  });

  it('treats a read error as a detach without crashing, and reopens the reader when enumeration finds it again', async () => {
    vi.useFakeTimers();
    const hid = fakeHid([magtek]);
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(null) });
    const events = collect(reader);
    await reader.start();
    expect(() => hid.handles[0]?.emit('error', new Error('could not read from HID device'))).not.toThrow();
    expect(hid.handles[0]?.closed).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'detached', reason: 'read-error' });
    expect(reader.list()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(MIN_POLL_MS);
    expect(reader.list()).toHaveLength(1);
    expect(hid.handles).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'attached' });
    await reader.stop();
  });

  it('polls no more often than every 2 s when the usb package is unavailable', async () => {
    vi.useFakeTimers();
    const hid = fakeHid([]);
    const reader = new HidCardReader({ logger: silentLogger, pollMs: 100, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(null) });
    await reader.start();
    expect(reader.hotplug).toBe('poll');
    expect(hid.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(hid.count()).toBe(1);
    hid.list.push(magtek);
    await vi.advanceTimersByTimeAsync(1);
    expect(hid.count()).toBe(2);
    expect(reader.list()).toHaveLength(1);
    hid.list.length = 0;
    const events = collect(reader);
    await vi.advanceTimersByTimeAsync(MIN_POLL_MS);
    expect(events).toMatchObject([{ type: 'detached', reason: 'unplugged' }]);
    await reader.stop();
  });

  it('uses usb attach/detach events, debounced, for card-reader vendors only', async () => {
    vi.useFakeTimers();
    const hid = fakeHid([]);
    const usb = fakeUsb();
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(usb.usb) });
    await reader.start();
    expect(reader.hotplug).toBe('usb-events');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hid.count()).toBe(1); // no polling
    usb.emit('attach', { deviceDescriptor: { idVendor: 0x046d } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(hid.count()).toBe(1);
    hid.list.push(magtek);
    usb.emit('attach', { deviceDescriptor: { idVendor: 0x0801 } });
    usb.emit('attach', { deviceDescriptor: { idVendor: 0x0801 } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(hid.count()).toBe(2);
    expect(reader.list()).toHaveLength(1);
    await reader.stop();
    expect(usb.listeners()).toBe(0);
  });

  it('reports a reader that refuses to open once, without retrying it every poll', async () => {
    vi.useFakeTimers();
    const hid = fakeHid([magtek], { failOpen: true });
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.resolve(hid.module), loadUsb: () => Promise.resolve(null) });
    const events = collect(reader);
    await reader.start();
    expect(events.map((e) => e.type)).toEqual(['attached', 'error']);
    await vi.advanceTimersByTimeAsync(3 * MIN_POLL_MS);
    expect(events.map((e) => e.type)).toEqual(['attached', 'error']);
    await reader.stop();
  });

  it('runs as "no HID" when node-hid cannot load', async () => {
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => Promise.reject(new Error('no binary')), loadUsb: () => Promise.resolve(null) });
    await expect(reader.start()).resolves.toBeUndefined();
    expect(reader.loadError).toBe('no binary');
    expect(reader.list()).toEqual([]);
    await reader.stop();
  });
});

describe('HidCardReader with the real node-hid', () => {
  it('loads node-hid\'s prebuilt binary, constructs the adapter and enumerates (no readers on this machine)', async (context) => {
    let hid: HidModule;
    try {
      hid = await loadNodeHid();
    } catch (error) {
      // Only a missing or incompatible prebuilt binary may skip this test, and it says so.
      context.skip(`node-hid's prebuilt binary failed to load: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    expect(Array.isArray(hid.devices())).toBe(true);
    const reader = new HidCardReader({ logger: silentLogger });
    await reader.start();
    expect(reader.loadError).toBeNull();
    expect(['usb-events', 'poll']).toContain(reader.hotplug);
    expect(reader.list()).toEqual([]);
    await reader.stop();
    expect(reader.hotplug).toBe('off');
  });
});

describe('HidCardReader start/stop race', () => {
  it('starts nothing when stopped while node-hid is still loading', async () => {
    vi.useFakeTimers();
    const hid = fakeHid([magtek]);
    let release: (m: HidModule) => void = () => undefined;
    const reader = new HidCardReader({ logger: silentLogger, loadHid: () => new Promise<HidModule>((r) => (release = r)), loadUsb: () => Promise.resolve(null) });
    const started = reader.start();
    await reader.stop();
    release(hid.module);
    await started;
    await vi.advanceTimersByTimeAsync(3 * MIN_POLL_MS);
    expect(hid.count()).toBe(0);
    expect(reader.list()).toEqual([]);
  });
});
