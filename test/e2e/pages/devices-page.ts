import type { Page } from '@playwright/test';

/** Devices: card readers (test cards, last result) and printers. */
export class DevicesPage {
  constructor(readonly page: Page) {}

  testCard(id: string) {
    return this.page.getByTestId(`test-card-${id}`);
  }

  resultOk() {
    return this.page.getByTestId('card-result-ok');
  }

  resultNumber() {
    return this.page.getByTestId('card-result-number');
  }

  resultFailed() {
    return this.page.getByTestId('card-result-failed');
  }

  chipWarning() {
    return this.page.getByTestId('card-result-chip');
  }
}
