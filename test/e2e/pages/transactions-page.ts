import type { Page } from '@playwright/test';

/** Transactions: filters with counts, the live list and a sale's detail drawer. */
export class TransactionsPage {
  constructor(readonly page: Page) {}

  section() {
    return this.page.getByTestId('section-transactions');
  }

  filter(name: string) {
    return this.page.getByTestId(`filter-${name}`);
  }

  rows() {
    return this.page.getByTestId('sale-row');
  }

  async open(index = 0): Promise<void> {
    await this.rows().nth(index).click();
  }

  /** Closes the detail drawer with its own button (Escape can land on a dialog that is still closing). */
  async close(): Promise<void> {
    await this.page.getByTestId('detail-close').click();
    await this.detail().waitFor({ state: 'hidden' });
  }

  detail() {
    return this.page.getByTestId('sale-detail');
  }

  field(key: string) {
    return this.page.getByTestId(`sale-field-${key}`);
  }

  receiptJobs() {
    return this.page.getByTestId('receipt-job');
  }

  receiptPreview() {
    return this.page.getByTestId('receipt-preview');
  }

  async reprint(copy: 'merchant' | 'customer'): Promise<void> {
    await this.page.getByTestId(`detail-reprint-${copy}`).click();
  }
}
