import { PrinterTransportError } from '../../shared/ports/printer-transport';
import type { PrinterStatus, PrinterTransport, PrinterTransportKind } from '../../shared/ports/printer-transport';
import { parseStatusReplies } from './dle-eot-status';

/** Stands in when the settings name no usable printer (USB without ids, virtual not running). */
export class NotConfiguredTransport implements PrinterTransport {
  readonly isOpen = false;

  constructor(
    readonly kind: PrinterTransportKind,
    readonly label: string,
  ) {}

  private refuse(): Promise<never> {
    return Promise.reject(new PrinterTransportError('not-configured', `${this.label}: no printer is configured`));
  }

  open(): Promise<void> {
    return this.refuse();
  }

  write(): Promise<void> {
    return this.refuse();
  }

  query(): Promise<Uint8Array | null> {
    return this.refuse();
  }

  status(): Promise<PrinterStatus> {
    return Promise.resolve(parseStatusReplies([null, null, null, null]));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
