import type { Page } from '@playwright/test';

/** First run (create the manager), login and the lock screen share one PIN form. */
export class LoginPage {
  constructor(readonly page: Page) {}

  firstRunForm() {
    return this.page.getByTestId('first-run');
  }

  async createManager(name: string, pin: string): Promise<void> {
    await this.page.getByTestId('first-run-name').fill(name);
    await this.page.getByTestId('first-run-pin').fill(pin);
    await this.page.getByTestId('first-run-pin-confirm').fill(pin);
    await this.page.getByTestId('first-run-submit').click();
  }

  form() {
    return this.page.getByTestId('login');
  }

  async login(name: string, pin: string): Promise<void> {
    // isVisible() does not wait: right after a sign-out the shell may still be showing, and
    // skipping the operator then submits with none chosen. Wait for the form first.
    await this.page.getByTestId('login-pin').waitFor();
    const select = this.page.getByTestId('login-operator');
    if (await select.isVisible()) {
      await select.click();
      await this.page.getByRole('option', { name }).click();
    }
    await this.page.getByTestId('login-pin').fill(pin);
    await this.page.getByTestId('login-submit').click();
  }

  error() {
    return this.page.getByTestId('login-error');
  }

  lockScreen() {
    return this.page.getByTestId('lock-screen');
  }

  pinChangeForm() {
    return this.page.getByTestId('pin-change');
  }

  /** The new-PIN form main asks for (a reset PIN, or one from before the 6-digit rule). */
  async chooseNewPin(pin: string, confirm = pin): Promise<void> {
    await this.page.getByTestId('pin-change-new').fill(pin);
    await this.page.getByTestId('pin-change-confirm').fill(confirm);
    await this.page.getByTestId('pin-change-submit').click();
  }
}
