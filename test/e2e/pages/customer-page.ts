import type { Page } from '@playwright/test';

/** The customer-facing window (`&window=customer`): the amount, then the pad and 签好了. */
export class CustomerPage {
  constructor(readonly page: Page) {}

  async open(consoleUrl: string): Promise<void> {
    await this.page.goto(`${consoleUrl}&window=customer`);
  }

  root() {
    return this.page.getByTestId('customer-window');
  }

  amount() {
    return this.page.getByTestId('customer-amount');
  }

  canvas() {
    return this.page.getByTestId('customer-canvas');
  }

  done() {
    return this.page.getByTestId('customer-done');
  }
}
