import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** 结算/对账: close batch, reports, import, reconcile, export. */
export class SettlementPage {
  constructor(readonly page: Page) {}

  async open(tab: 'close' | 'reports' | 'import' | 'reconcile' | 'export'): Promise<void> {
    await this.page.getByTestId('nav-settlement').click();
    await this.page.getByTestId(`settlement-tab-${tab}`).click();
  }

  /** Types a manager's PIN into the approval dialog. */
  async approve(pin: string): Promise<void> {
    await this.page.getByTestId('manager-pin').fill(pin);
    await this.page.getByTestId('manager-pin-approve').click();
    await expect(this.page.getByTestId('manager-pin-dialog')).toHaveCount(0);
  }

  async closeBatch(pin: string): Promise<void> {
    await this.page.getByTestId('close-batch').click();
    await this.approve(pin);
  }

  closeResult() {
    return this.page.getByTestId('close-result');
  }

  /** Chooses a file and waits for its preview (or its refusal). */
  async chooseFile(path: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles(path);
    await expect(this.page.getByTestId('import-preview').or(this.page.getByTestId('import-error'))).toBeVisible({ timeout: 20_000 });
  }

  /** Chooses, checks the preview has no errors, names the source and imports; returns the rows added. */
  async importFile(path: string, sourceName: string): Promise<number> {
    if (await this.page.getByTestId('import-another').isVisible()) await this.page.getByTestId('import-another').click();
    await this.chooseFile(path);
    await expect(this.page.getByTestId('import-preview')).toHaveAttribute('data-errors', '0');
    await this.page.getByTestId('import-source-name').fill(sourceName);
    await this.page.getByTestId('import-confirm').click();
    const done = this.page.getByTestId('import-done');
    await expect(done).toBeVisible({ timeout: 20_000 });
    return Number(await done.getAttribute('data-added'));
  }

  importError() {
    return this.page.getByTestId('import-error');
  }

  async run(day: string): Promise<void> {
    await this.page.getByTestId('recon-from').fill(day);
    await this.page.getByTestId('recon-to').fill(day);
    await this.page.getByTestId('recon-run').click();
    await expect(this.page.getByTestId('recon-run')).toBeEnabled({ timeout: 20_000 });
  }

  queueItem(kind: string) {
    return this.page.getByTestId('queue-item').and(this.page.locator(`[data-kind="${kind}"]`));
  }

  async explain(kind: string, note: string, pin: string): Promise<void> {
    const item = this.queueItem(kind).first();
    await item.getByTestId('queue-note-text').fill(note);
    await item.getByTestId('queue-note').click();
    await this.approve(pin);
    await expect(this.queueItem(kind).first()).toHaveAttribute('data-resolved', 'yes');
  }

  async dispute(kind: string, note: string, pin: string): Promise<void> {
    const item = this.queueItem(kind).first();
    await item.getByTestId('queue-note-text').fill(note);
    await item.getByTestId('queue-dispute').click();
    await this.approve(pin);
    await expect(this.queueItem(kind).first()).toHaveAttribute('data-resolved', 'yes');
  }
}
