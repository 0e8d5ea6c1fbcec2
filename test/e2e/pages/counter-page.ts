import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The counter: amount, card, result, signature, done. */
export class CounterPage {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('counter');
  }

  async typeAmount(yuanDigits: string): Promise<void> {
    for (const ch of yuanDigits) await this.page.getByTestId(`key-${ch}`).click();
  }

  async charge(): Promise<void> {
    await this.page.getByTestId('counter-charge').click();
  }

  async swipe(testCard: string): Promise<void> {
    await this.page.getByTestId(`counter-test-card-${testCard}`).click();
  }

  result() {
    return this.page.getByTestId('counter-result');
  }

  async next(): Promise<void> {
    await this.page.getByTestId('counter-next').click();
  }

  /** Draws a short signature on the canvas with the mouse. */
  async sign(testId = 'signature-canvas'): Promise<void> {
    const canvas = this.page.getByTestId(testId);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no signature canvas');
    const { x, y, height } = box;
    await this.page.mouse.move(x + 40, y + height / 2);
    await this.page.mouse.down();
    for (let i = 1; i <= 12; i++) await this.page.mouse.move(x + 40 + i * 25, y + height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
    await this.page.mouse.up();
  }

  async signAndConfirm(): Promise<void> {
    await this.sign();
    await this.page.getByTestId('signature-done').click();
    await expect(this.page.getByTestId('counter-confirm-signature')).toBeVisible();
    await this.page.getByTestId('signature-confirm').click();
  }

  done() {
    return this.page.getByTestId('counter-done');
  }

  printState(copy: string) {
    return this.page.getByTestId(`print-state-${copy}`);
  }

  /** amount → card → approved → result screen. */
  async approvedSale(digits: string, card = 'unionpay-debit'): Promise<void> {
    await this.typeAmount(digits);
    await this.charge();
    await this.swipe(card);
    await expect(this.result()).toHaveAttribute('data-outcome', 'approved');
  }
}
