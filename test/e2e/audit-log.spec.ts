import { test, expect } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { LoginPage } from './pages/login-page';
import { CounterPage } from './pages/counter-page';
import { MANAGER, setUpAsManager } from './helpers';

test('the audit log reads in words, filters by kind, operator and result, and pages by 50', async ({ console: c }) => {
  test.setTimeout(120_000);
  const app = await setUpAsManager(c);
  const login = new LoginPage(c.page);
  await app.lockButton().click();
  await login.login(MANAGER.name, '000000');
  await expect(login.error()).toBeVisible();
  await login.login(MANAGER.name, MANAGER.pin);
  await expect(app.operatorBadge()).toBeVisible();
  const counter = new CounterPage(c.page);
  await counter.approvedSale('1200');
  await counter.next();
  // Enough entries for a second page: each language switch is one audited settings change.
  for (let i = 1; i <= 50; i++) {
    await app.switchLanguage();
    await expect(app.languageToggle()).toHaveText(i % 2 ? '中文' : 'English');
  }
  await expect(c.page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await app.goTo('audit');
  const audit = new AuditPage(c.page);
  await expect(audit.rows()).toHaveCount(50);
  const newest = Number(await audit.rows().first().locator('td').first().textContent());
  await audit.older();
  await expect(audit.rows().first().locator('td').first()).toHaveText(String(newest - 50));
  await audit.newer();
  await expect(audit.rows().first().locator('td').first()).toHaveText(String(newest));

  await audit.filter('result', /^失败$/);
  await expect(audit.rows()).toHaveCount(1);
  await expect(audit.rows().first()).toHaveAttribute('data-action', 'unlock');
  await expect(audit.rows().first()).toContainText('解锁');

  await audit.filter('result', /^全部$/);
  await audit.filter('group', /^交易$/);
  const sale = audit.rows();
  await expect(sale.first()).toBeVisible();
  for (const action of await sale.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''))) expect(action).toMatch(/^sale\./);
  await expect(sale.filter({ hasText: '开始交易' })).toHaveCount(1);
  // Sales made together share their id's first 8 digits; the screen shows the random end instead.
  const object = sale.first().getByTestId('audit-object');
  const full = (await object.getAttribute('data-id')) ?? '';
  await expect(object).toContainText(full.replace(/-/g, '').slice(-12));

  await audit.filter('group', /^全部$/);
  await audit.filter('actor', /未登录/);
  await expect(c.page.getByText('没有符合筛选条件的记录。')).toBeVisible();
  await c.page.screenshot({ path: 'test-results/screens/audit-filters-zh-CN.png' });
});
