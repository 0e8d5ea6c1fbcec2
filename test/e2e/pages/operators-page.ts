import type { Page } from '@playwright/test';

/** Settings → Operators (manager): add, disable, reset a PIN. */
export class OperatorsPage {
  constructor(readonly page: Page) {}

  async add(name: string, pin: string, role: 'cashier' | 'manager' = 'cashier'): Promise<void> {
    await this.page.getByTestId('operator-name').fill(name);
    await this.page.getByTestId('operator-pin').fill(pin);
    if (role === 'manager') {
      await this.page.getByTestId('operator-role').click();
      await this.page.getByRole('option', { name: /主管|Manager/ }).click();
    }
    await this.page.getByTestId('operator-add').click();
  }

  row(name: string) {
    return this.page.locator(`[data-testid="operator-row"][data-name="${name}"]`);
  }

  async resetPin(name: string, pin: string): Promise<void> {
    await this.row(name).getByTestId('operator-reset-pin').click();
    await this.page.getByTestId('reset-pin').fill(pin);
    await this.page.getByTestId('reset-pin-submit').click();
  }

  message() {
    return this.page.getByTestId('operators-message');
  }
}
