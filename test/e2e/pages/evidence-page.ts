import type { Download, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Evidence export (sale detail, transactions list) and the 校验证据包 / Verify a bundle screen. */
export class EvidencePage {
  constructor(readonly page: Page) {}

  dialog() {
    return this.page.getByTestId('evidence-dialog');
  }

  /** Runs `start` and waits for main's one-time download of the finished bundle (browser host). */
  async exportAndDownload(start: () => Promise<void>): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 90_000 });
    await start();
    const file = await download;
    await expect(this.dialog()).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
    return file;
  }

  exportSaleButton() {
    return this.page.getByTestId('detail-export-evidence');
  }

  fingerprint() {
    return this.page.getByTestId('evidence-fingerprint');
  }

  async closeDialog(): Promise<void> {
    await this.page.getByTestId('evidence-close').click();
    await this.dialog().waitFor({ state: 'hidden' });
  }

  async exportDay(day?: string): Promise<void> {
    await this.page.getByTestId('evidence-export-day').click();
    if (day) await this.page.getByTestId('evidence-day').fill(day);
    await this.page.getByTestId('evidence-day-export').click();
  }

  async matchTdl(lines: string[]): Promise<void> {
    await this.page.getByTestId('evidence-export-tdl').click();
    await this.page.getByTestId('evidence-tdl-text').fill(lines.join('\n'));
    await this.page.getByTestId('evidence-tdl-match').click();
    await this.tdlResult().waitFor();
  }

  tdlResult() {
    return this.page.getByTestId('evidence-tdl-result');
  }

  async exportTdl(): Promise<void> {
    await this.page.getByTestId('evidence-tdl-export').click();
  }

  async verify(file: string, trustedKey = ''): Promise<void> {
    if (trustedKey) await this.page.getByTestId('verify-key').fill(trustedKey);
    await this.page.getByTestId('verify-file').setInputFiles(file);
    await expect(this.page.getByTestId('verify-verdict')).toBeVisible({ timeout: 60_000 });
  }

  verdict() {
    return this.page.getByTestId('verify-verdict');
  }

  check(code: string) {
    return this.page.getByTestId(`verify-check-${code}`);
  }

  failures(code: string) {
    return this.page.locator(`[data-testid="verify-failure"][data-code="${code}"]`);
  }
}
