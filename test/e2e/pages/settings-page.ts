import type { Page } from '@playwright/test';

/** Settings: one group per section, each with its own Save; the leave dialog when edits are unsaved. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  group(name: string) {
    return this.page.getByTestId(`settings-group-${name}`);
  }

  field(section: string, key: string) {
    return this.page.getByTestId(`setting-${section}-${key}`);
  }

  async save(group: string): Promise<void> {
    await this.page.getByTestId(`settings-save-${group}`).click();
  }

  /** Opens the select named `label` in a group and picks the option whose text matches. */
  async choose(group: string, label: RegExp, option: RegExp): Promise<void> {
    await this.group(group).getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option }).click();
  }

  leaveDialog() {
    return this.page.getByTestId('leave-dialog');
  }

  async stay(): Promise<void> {
    await this.page.getByTestId('leave-stay').click();
  }

  async discard(): Promise<void> {
    await this.page.getByTestId('leave-discard').click();
  }
}
