import type { Page } from '@playwright/test';

/** The manager's audit log view: recent entries and the chain check. */
export class AuditPage {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('audit-row');
  }

  async verify(): Promise<void> {
    await this.page.getByTestId('audit-verify').click();
  }

  verifyResult() {
    return this.page.getByTestId('audit-verify-result');
  }
}
