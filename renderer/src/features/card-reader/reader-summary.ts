import type { DeviceInfo } from '../../../../shared/ipc/commands/devices';

/**
 * One reading of "is there a card reader?" for every screen (Devices, the counter, the app bar),
 * so they can never disagree. What the console can know:
 * - USB HID readers are found and report a status;
 * - the keyboard-emulation listener is always on, but cannot tell whether a reader that types is
 *   plugged in until it types a swipe, so it is "listening", never "ready";
 * - the virtual reader (training) offers test cards while it runs.
 */
export type ReaderHeadline = 'usb-ready' | 'usb-problem' | 'test-cards' | 'keyboard-only';

export interface ReaderSummary {
  headline: ReaderHeadline;
  /** Hardware HID readers, whatever their status. */
  usb: DeviceInfo[];
  usbReady: number;
  /** The virtual reader is running: test cards can be swiped. */
  testCards: boolean;
  keyboardListening: boolean;
}

export const isUsbReader = (d: DeviceInfo): boolean => d.kind === 'card-reader' && !d.virtual && d.transport !== 'keyboard';

export const summarizeReaders = (devices: readonly DeviceInfo[]): ReaderSummary => {
  const readers = devices.filter((d) => d.kind === 'card-reader');
  const usb = readers.filter(isUsbReader);
  const usbReady = usb.filter((d) => d.status === 'ready' || d.status === 'busy').length;
  const testCards = readers.some((d) => d.virtual && d.status !== 'offline');
  const keyboardListening = readers.some((d) => d.transport === 'keyboard' && d.status !== 'offline');
  const headline: ReaderHeadline = usbReady > 0 ? 'usb-ready' : usb.length > 0 ? 'usb-problem' : testCards ? 'test-cards' : 'keyboard-only';
  return { headline, usb, usbReady, testCards, keyboardListening };
};

/** The status a reader row shows: the keyboard listener says "listening", not "ready". */
export const rowStatus = (d: DeviceInfo): DeviceInfo['status'] | 'listening' => (d.transport === 'keyboard' && d.status === 'ready' ? 'listening' : d.status);

export const HEADLINE_SEVERITY: Record<ReaderHeadline, 'success' | 'error' | 'info' | 'warning'> = {
  'usb-ready': 'success',
  'usb-problem': 'error',
  'test-cards': 'info',
  'keyboard-only': 'warning',
};
