import type { Page } from '@playwright/test';
import type { BrowserHost } from '../../../electron/web-host/launch';

/** Opening the console and the shell around every screen. */
export class ConsolePage {
  constructor(
    readonly page: Page,
    private readonly host: () => BrowserHost,
  ) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.host().web.url}${query}`);
  }

  nav(section: string) {
    return this.page.getByTestId(`nav-${section}`);
  }

  async goTo(section: string): Promise<void> {
    await this.nav(section).click();
  }

  languageToggle() {
    return this.page.getByTestId('language-toggle');
  }

  async switchLanguage(): Promise<void> {
    await this.languageToggle().click();
  }

  lockButton() {
    return this.page.getByTestId('lock-now');
  }

  operatorBadge() {
    return this.page.getByTestId('operator-badge');
  }
}
