import type { Page } from '@playwright/test';

/** The manager's audit log: filters, pages of entries and the chain check. */
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

  /** Opens a filter (group, actor, result) and picks the option whose text matches. */
  async filter(which: 'group' | 'actor' | 'result', option: RegExp): Promise<void> {
    await this.page.getByTestId(`audit-filter-${which}`).click();
    await this.page.getByRole('option', { name: option }).click();
  }

  showing() {
    return this.page.getByTestId('audit-showing');
  }

  async older(): Promise<void> {
    await this.page.getByTestId('audit-older').click();
  }

  async newer(): Promise<void> {
    await this.page.getByTestId('audit-newer').click();
  }
}
