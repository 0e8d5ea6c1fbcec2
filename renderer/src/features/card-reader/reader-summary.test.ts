import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../../shared/ipc/commands/devices';
import { rowStatus, summarizeReaders } from './reader-summary';

const device = (patch: Partial<DeviceInfo> & Pick<DeviceInfo, 'id'>): DeviceInfo => ({
  kind: 'card-reader',
  name: patch.id,
  transport: 'hid',
  vendorId: 0x0801,
  productId: 0x0002,
  status: 'ready',
  detail: null,
  virtual: false,
  lastEventAt: null,
  ...patch,
});
const keyboard = device({ id: 'card-reader:keyboard', transport: 'keyboard', vendorId: null, productId: null, detail: 'keyboard-listener' });
const virtual = device({ id: 'card-reader:virtual', transport: 'virtual', virtual: true, vendorId: null, productId: null });
const magtek = device({ id: 'hid:1' });
const printer = device({ id: 'printer:virtual', kind: 'printer', transport: 'virtual', virtual: true });

describe('one truth about card readers', () => {
  it('training PC: test cards, the keyboard listener listening, no USB reader claimed', () => {
    const s = summarizeReaders([keyboard, virtual, printer]);
    expect(s).toMatchObject({ headline: 'test-cards', usbReady: 0, testCards: true, keyboardListening: true });
    expect(rowStatus(keyboard)).toBe('listening');
    expect(rowStatus(virtual)).toBe('ready');
  });

  it('a USB reader that is ready wins; one in error is a problem, not "no reader"', () => {
    expect(summarizeReaders([keyboard, virtual, magtek]).headline).toBe('usb-ready');
    expect(summarizeReaders([keyboard, { ...magtek, status: 'error', detail: 'open-failed' }])).toMatchObject({ headline: 'usb-problem', usbReady: 0 });
  });

  it('nothing but the keyboard listener: keyboard-only, never "ready"', () => {
    expect(summarizeReaders([keyboard]).headline).toBe('keyboard-only');
    expect(summarizeReaders([]).keyboardListening).toBe(false);
  });
});
