import type { Locator, Page } from '@playwright/test';

/** The cases screen, a case's drawer and the forms that open cases. */
export class CasesPage {
  constructor(readonly page: Page) {}

  /** Chooses an option of an MUI select whose hidden input carries `inputTestId`. */
  async choose(inputTestId: string, optionTestId: string, within: Locator | Page = this.page): Promise<void> {
    await within.getByTestId(inputTestId).locator('xpath=..').getByRole('combobox').click();
    await this.page.getByTestId(optionTestId).click();
  }

  detail() {
    return this.page.getByTestId('case-detail');
  }

  check(item: string) {
    return this.detail().getByTestId(`check-${item}`);
  }

  async act(item: string): Promise<void> {
    await this.detail().getByTestId(`check-action-${item}`).click();
  }

  rows() {
    return this.page.getByTestId('case-row');
  }

  /** Opens a case of `type` in the open-case dialog (from a sale or the SMS lookup). */
  async openCase(type: string, notes = ''): Promise<void> {
    await this.choose('open-case-type', `case-type-${type}`);
    if (notes) await this.page.getByTestId('open-case-notes').fill(notes);
    await this.page.getByTestId('open-case-submit').click();
    await this.detail().waitFor();
  }

  async notice(input: { kind: 'retrieval-request' | 'chargeback'; reference: string; date: string; amount: string; last4: string; due?: string; scheme?: string; reason?: string }): Promise<void> {
    await this.page.getByTestId('cases-new-notice').click();
    await this.choose('notice-kind', `notice-kind-${input.kind}`);
    await this.page.getByTestId('notice-reference').fill(input.reference);
    await this.page.getByTestId('notice-date').fill(input.date);
    await this.page.getByTestId('notice-amount').fill(input.amount);
    await this.page.getByTestId('notice-last4').fill(input.last4);
    if (input.due) await this.page.getByTestId('notice-due').fill(input.due);
    if (input.scheme) await this.choose('notice-scheme', `scheme-${input.scheme}`);
    if (input.reason) await this.choose('notice-reason', input.reason);
    await this.page.getByTestId('notice-submit').click();
    await this.detail().waitFor();
  }

  async close(): Promise<void> {
    await this.detail().getByTestId('case-close').click();
    await this.detail().waitFor({ state: 'hidden' });
  }
}
