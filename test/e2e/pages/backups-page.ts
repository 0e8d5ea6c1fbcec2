import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The Backups screen (manager): back up now, the list, the restore wizard. */
export class BackupsPage {
  constructor(private readonly page: Page) {}

  async backUp(passphrase: string): Promise<string> {
    await this.page.getByTestId('backup-passphrase').fill(passphrase);
    await this.page.getByTestId('backup-confirm').fill(passphrase);
    await this.page.getByTestId('backup-run').click();
    await expect(this.page.getByTestId('backup-done')).toBeVisible({ timeout: 60_000 });
    return (await this.rows().first().getAttribute('data-name')) ?? '';
  }

  rows() {
    return this.page.getByTestId('backup-row');
  }

  /** Opens and rehearses a backup: from the list by name, or by its path. */
  async check(source: { name?: string; path?: string; passphrase?: string }): Promise<void> {
    if (source.name) await this.page.locator(`[data-testid="backup-row"][data-name="${source.name}"]`).first().getByTestId('backup-restore-row').click();
    await this.page.getByTestId('restore-path').fill(source.path ?? '');
    await this.page.getByTestId('restore-passphrase').fill(source.passphrase ?? '');
    await this.page.getByTestId('restore-check').click();
  }

  error() {
    return this.page.getByTestId('restore-error');
  }

  summary() {
    return this.page.getByTestId('restore-summary');
  }

  count(table: string) {
    return this.page.locator(`[data-testid="restore-count"][data-table="${table}"]`);
  }

  async replace(): Promise<void> {
    await this.page.getByTestId('restore-confirm').click();
    await expect(this.page.getByTestId('restore-done')).toBeVisible({ timeout: 60_000 });
    await this.page.getByTestId('restore-reload').click();
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('restore-undo').click();
  }
}
