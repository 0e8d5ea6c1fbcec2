import type { Page } from '@playwright/test';

/** The strip under the app bar: printer, reader, offline to forward, unsigned, not printed. */
export class StatusStrip {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('status-strip');
  }

  printer() {
    return this.page.getByTestId('printer-indicator');
  }

  reader() {
    return this.page.getByTestId('reader-indicator');
  }

  offline() {
    return this.page.getByTestId('offline-badge');
  }

  unsigned() {
    return this.page.getByTestId('unsigned-badge');
  }

  notPrinted() {
    return this.page.getByTestId('not-printed-badge');
  }
}
