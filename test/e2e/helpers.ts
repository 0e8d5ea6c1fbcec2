/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { ConsoleFixture } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { LoginPage } from './pages/login-page';

export const MANAGER = { name: '王经理', pin: '482913' };

/** First run as the manager; returns the shell's page object. */
export const setUpAsManager = async (c: ConsoleFixture): Promise<ConsolePage> => {
  const app = new ConsolePage(c.page, () => c.host);
  await app.open();
  await new LoginPage(c.page).createManager(MANAGER.name, MANAGER.pin);
  await app.operatorBadge().waitFor();
  return app;
};

/** Types text the way a keyboard-emulation reader does: 1-2 ms between keys, then Enter. */
export const typeLikeReader = async (page: Page, text: string): Promise<void> => {
  for (const ch of text) await page.keyboard.press(ch === ' ' ? 'Space' : ch, { delay: 0 });
  await page.keyboard.press('Enter');
};

/** Everything in the page's IndexedDB, as text, for the sentinel-card scan. */
export const dumpIndexedDb = async (page: Page): Promise<string> =>
  page.evaluate(async () => {
    const out: string[] = [];
    const dbs = await indexedDB.databases();
    for (const info of dbs) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(new Error(String(req.error)));
        });
        out.push(`${info.name}/${store}: ${JSON.stringify(rows)}`);
      }
      db.close();
    }
    return out.join('\n');
  });
