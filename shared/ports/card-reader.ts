/**
 * The card-reader port. Adapters (HID readers, the virtual training reader, test fakes) move
 * report bytes and report attach/detach; they never parse cards. Decoding and parsing happen
 * in one place on the main side (electron/card), so every reader goes through the same path.
 */
export type CardReaderTransport = 'hid' | 'virtual' | 'keyboard';

/** Which report layout a reader sends; picks the decoder. */
export type CardReportFormat = 'magtek-337' | 'magtek-v5' | 'idtech-enhanced';

export interface CardReaderInfo {
  /** Stable for the same physical reader while attached (used as the device id). */
  id: string;
  name: string;
  transport: CardReaderTransport;
  vendorId: number | null;
  productId: number | null;
  /** Null for a reader found in keyboard-emulation mode: it types, it sends no reports. */
  format: CardReportFormat | null;
  /** 'hid' = vendor-defined HID reports; 'keyboard' = the reader types the swipe. */
  mode: 'hid' | 'keyboard';
}

export type CardReaderEvent =
  | { type: 'attached'; reader: CardReaderInfo }
  | { type: 'detached'; readerId: string; reason: 'unplugged' | 'read-error' | 'stopped' }
  | { type: 'report'; readerId: string; format: CardReportFormat; bytes: Uint8Array }
  /** The reader is present but cannot be used (e.g. open refused); shown on the Devices screen. */
  | { type: 'error'; readerId: string; detail: string };

export interface CardReader {
  readonly transport: CardReaderTransport;
  /** Begins watching for readers; resolves once the first look is done. Never rejects. */
  start(): Promise<void>;
  /** Stops watching and closes every reader. */
  stop(): Promise<void>;
  /** Readers attached now. */
  list(): CardReaderInfo[];
  /** Subscribes to attach, detach, report and error events; returns the unsubscribe function. */
  onEvent(listener: (event: CardReaderEvent) => void): () => void;
}
