import type { Page } from '@playwright/test';

/** Settings → Terminal master key: the key in use (source, KCV) and the manager's load / remove form. */
export class MasterKeyPanel {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('master-key-panel');
  }

  source() {
    return this.page.getByTestId('master-key-source');
  }

  kcv() {
    return this.page.getByTestId('master-key-kcv');
  }

  loadedAt() {
    return this.page.getByTestId('master-key-loaded-at');
  }

  testKeyWarning() {
    return this.page.getByTestId('master-key-test-warning');
  }

  keyInput() {
    return this.page.getByTestId('master-key-input');
  }

  kcvInput() {
    return this.page.getByTestId('master-key-kcv-input');
  }

  result() {
    return this.page.getByTestId('master-key-result');
  }

  /** Types the key (and the check value, when given) as the engineer would, then Load. */
  async load(keyHex: string, kcv = ''): Promise<void> {
    await this.keyInput().fill(keyHex);
    await this.kcvInput().fill(kcv);
    await this.page.getByTestId('master-key-load').click();
  }

  async clear(): Promise<void> {
    await this.page.getByTestId('master-key-clear').click();
    await this.page.getByTestId('master-key-clear-confirm').click();
  }
}
