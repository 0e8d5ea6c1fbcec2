import type { Page } from '@playwright/test';

/** 校验签名 in the sale's detail (the panel, its checks and remedies), the reprint warning, and the Training screen's damage tool. */
export class SignatureCheckPage {
  constructor(readonly page: Page) {}

  panel() {
    return this.page.getByTestId('signature-check');
  }

  async verify(): Promise<void> {
    await this.page.getByTestId('signature-verify').click();
  }

  summary() {
    return this.page.getByTestId('signature-check-summary');
  }

  items() {
    return this.panel().getByTestId('signature-check-item');
  }

  item(kind: 'original' | 'supplementary') {
    return this.panel().locator(`[data-testid="signature-check-item"][data-kind="${kind}"]`);
  }

  problems() {
    return this.panel().getByTestId('signature-check-problem');
  }

  fieldLines() {
    return this.panel().getByTestId('signature-check-field');
  }

  remedy(name: 're-sign' | 'supplementary-signature' | 'register-explanation' | 'sign-on-again') {
    return this.panel().getByTestId(`remedy-${name}`);
  }

  async saveRemedy(): Promise<void> {
    await this.panel().getByTestId('remedy-save').click();
  }

  saved() {
    return this.page.getByTestId('signature-check-saved');
  }

  recorded() {
    return this.panel().getByTestId('signature-check-recorded-item');
  }

  reprintWarning() {
    return this.page.getByTestId('reprint-check');
  }

  async damage(value: string): Promise<void> {
    await this.page.getByTestId('training-damage-value').fill(value);
    await this.page.getByTestId('training-damage-apply').click();
  }

  damageResult() {
    return this.page.getByTestId('training-damage-result');
  }
}
