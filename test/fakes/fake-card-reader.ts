import type { CardReader, CardReaderEvent, CardReaderInfo, CardReportFormat } from '../../shared/ports/card-reader';

/** A scriptable CardReader: tests attach, detach, send reports and fail it by hand. */
export class FakeCardReader implements CardReader {
  readonly transport = 'hid' as const;
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private readonly readers = new Map<string, CardReaderInfo>();
  started = false;
  stopped = false;

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.readers.keys()]) this.detach(id, 'stopped');
    return Promise.resolve();
  }

  list(): CardReaderInfo[] {
    return [...this.readers.values()];
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  attach(overrides: Partial<CardReaderInfo> = {}): CardReaderInfo {
    const info: CardReaderInfo = {
      id: 'card-reader:hid:0801:0002:fake0001',
      name: 'MagTek fake reader',
      transport: 'hid',
      vendorId: 0x0801,
      productId: 0x0002,
      format: 'magtek-337',
      mode: 'hid',
      ...overrides,
    };
    this.readers.set(info.id, info);
    this.emit({ type: 'attached', reader: info });
    return info;
  }

  detach(readerId: string, reason: 'unplugged' | 'read-error' | 'stopped' = 'unplugged'): void {
    if (this.readers.delete(readerId)) this.emit({ type: 'detached', readerId, reason });
  }

  report(readerId: string, bytes: Uint8Array, format: CardReportFormat = 'magtek-337'): void {
    this.emit({ type: 'report', readerId, format, bytes });
  }

  fail(readerId: string, detail = 'open-failed'): void {
    this.emit({ type: 'error', readerId, detail });
  }

  private emit(event: CardReaderEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
