import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { BackupsPage } from './pages/backups-page';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';
import { MANAGER, setUpAsManager } from './helpers';

const PASSPHRASE = 'plum blossom 梅花 counter 2026';

/** Sales in the live database (whichever one the console has switched to). */
const liveSales = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const name = localStorage.getItem('countersign.activeDb') ?? 'countersign';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    const n = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('sales').objectStore('sales').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('count failed'));
    });
    db.close();
    return n;
  });

test('signed sales → back up → a damaged backup is refused with nothing changed → wipe the profile → restore (rehearsed) → everything verifies → undo', async ({ console: c }) => {
  test.setTimeout(240_000);
  const app = await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  for (const amount of ['1250', '3300']) {
    await counter.approvedSale(amount);
    await counter.next();
    await counter.signAndConfirm();
    await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
    await counter.next();
  }
  expect(await liveSales(c.page)).toBe(2);

  await app.goTo('backups');
  const backups = new BackupsPage(c.page);
  const name = await backups.backUp(PASSPHRASE);
  expect(name).toMatch(/^countersign-.*-manual\.age$/);
  // The independent check decrypts this one with the standard age tool.
  const file = join(c.dataDir, 'backups', name);
  mkdirSync('test-results/backups', { recursive: true });
  copyFileSync(file, join('test-results/backups', name));
  writeFileSync(join('test-results/backups', `${name}.passphrase`), `${PASSPHRASE}\n`);
  await c.page.screenshot({ path: 'test-results/screens/backups-zh-CN.png', fullPage: true });

  // A damaged copy: a clear reason, and the live data untouched.
  const bytes = readFileSync(file);
  const mid = Math.floor(bytes.length / 2);
  bytes[mid] = (bytes[mid] ?? 0) ^ 0x20;
  const damaged = join(c.dataDir, 'damaged.age');
  writeFileSync(damaged, bytes);
  await backups.check({ path: damaged, passphrase: PASSPHRASE });
  await expect(backups.error()).toHaveAttribute('data-reason', 'damaged');
  await expect(backups.error()).toContainText('未做任何更改');
  expect(await liveSales(c.page)).toBe(2);
  // A wrong passphrase: the same.
  await backups.check({ path: file, passphrase: 'not the right passphrase' });
  await expect(backups.error()).toHaveAttribute('data-reason', 'wrong-key');

  // The PC's browser profile is wiped: no IndexedDB, no local storage (main's data folder stays).
  const cdp = await c.context.newCDPSession(c.page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(c.host.web.url).origin, storageTypes: 'indexeddb,local_storage' });
  await app.open();
  const login = new LoginPage(c.page);
  await login.login(MANAGER.name, MANAGER.pin);
  await app.operatorBadge().waitFor();
  expect(await liveSales(c.page)).toBe(0);

  await app.goTo('backups');
  await backups.check({ name, passphrase: PASSPHRASE });
  await expect(backups.summary()).toBeVisible({ timeout: 60_000 });
  await expect(backups.count('sales')).toHaveAttribute('data-rows', '2');
  await expect(backups.count('signatures')).toHaveAttribute('data-rows', '2');
  await c.page.screenshot({ path: 'test-results/screens/restore-rehearsed-zh-CN.png', fullPage: true });
  await backups.replace();
  await login.login(MANAGER.name, MANAGER.pin);
  await app.operatorBadge().waitFor();
  expect(await liveSales(c.page)).toBe(2);

  // Every record, the chain and its checkpoints verify on the restored data.
  await app.goTo('audit');
  const audit = new AuditPage(c.page);
  await audit.verify();
  await expect(audit.verifyResult()).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });

  // Undo: the data from before the restore (the wiped profile's) comes back.
  await app.goTo('backups');
  await backups.undo();
  await expect(backups.summary()).toBeVisible({ timeout: 60_000 });
  await backups.replace();
  await login.login(MANAGER.name, MANAGER.pin);
  await app.operatorBadge().waitFor();
  expect(await liveSales(c.page)).toBe(0);
});
