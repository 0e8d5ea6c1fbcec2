import { monthOf } from '../../shared/domain/card/expiry';
import type { TestCardId } from '../../shared/ipc/commands/card-reader';
import type { CardReader, CardReaderEvent, CardReaderInfo } from '../../shared/ports/card-reader';
import { silentLogger } from '../services/logger';
import type { Logger } from '../services/logger';
import { CardReaderListeners } from './card-reader-listeners';
import { MAGTEK_VENDOR_ID } from './card-report';
import { encodeMagtekReport } from './magtek-report';
import { TEST_CARDS } from './test-cards';

export const VIRTUAL_READER_ID = 'card-reader:virtual';

const INFO: CardReaderInfo = {
  id: VIRTUAL_READER_ID,
  name: 'Virtual MagTek swipe reader',
  transport: 'virtual',
  vendorId: MAGTEK_VENDOR_ID,
  // 0x0002: the product id of MagTek's USB HID swipe reader, whose 337-byte report it emulates.
  productId: 0x0002,
  format: 'magtek-337',
  mode: 'hid',
};

/**
 * The training-mode reader. A "swipe" builds the exact 337-byte report a MagTek HID reader
 * sends and emits it like hardware would, so test cards exercise the real decoder path.
 */
export class VirtualCardReader implements CardReader {
  readonly transport = 'virtual' as const;
  private readonly listeners: CardReaderListeners;
  private running = false;
  private readonly now: () => Date;

  constructor(opts: { now?: () => Date; logger?: Logger } = {}) {
    this.now = opts.now ?? (() => new Date());
    this.listeners = new CardReaderListeners(opts.logger ?? silentLogger, 'virtual');
  }

  start(): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.emit({ type: 'attached', reader: INFO });
    }
    return Promise.resolve();
  }

  stop(): Promise<void> {
    if (this.running) {
      this.running = false;
      this.emit({ type: 'detached', readerId: INFO.id, reason: 'stopped' });
    }
    return Promise.resolve();
  }

  get started(): boolean {
    return this.running;
  }

  list(): CardReaderInfo[] {
    return this.running ? [INFO] : [];
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  testCards(): Array<{ id: TestCardId; labelKey: string }> {
    return TEST_CARDS.map(({ id, labelKey }) => ({ id, labelKey }));
  }

  /** Emits the test card's report synchronously; false when stopped or unknown. */
  swipe(id: TestCardId): boolean {
    const card = TEST_CARDS.find((c) => c.id === id);
    if (!this.running || !card) return false;
    const bytes = encodeMagtekReport(card.tracks(monthOf(this.now())));
    this.emit({ type: 'report', readerId: INFO.id, format: 'magtek-337', bytes });
    return true;
  }

  private emit(event: CardReaderEvent): void {
    this.listeners.emit(event);
  }
}
