import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { SettingsPage } from './pages/settings-page';
import { TransactionsPage } from './pages/transactions-page';
import { MANAGER, setUpAsManager, dispatch } from './helpers';
import { ConsolePage } from './pages/console-page';
import { LoginPage } from './pages/login-page';

// Settings are public to read (the login screens need them): no manager has to exist yet.
const hostSettings = async (c: ConsoleFixture) => ((await c.host.core.router.dispatch('settings:get', {}, { trusted: true, label: 'e2e-reader', id: 'e2e-reader' })) as { value: { general: { idleLockMinutes: number; timeZone: string; language: string }; shop: { name: string } } }).value;

test('each settings group saves where it is edited, and leaving with unsaved edits asks first', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await app.goTo('settings');
  const settings = new SettingsPage(c.page);
  await expect(c.page.getByTestId('settings-save')).toHaveCount(0);

  // 商户信息 has its own save; it sends only the shop.
  await settings.field('shop', 'name').fill('老王便利店');
  await expect(settings.group('shop')).toHaveAttribute('data-dirty', 'true');
  await settings.save('shop');
  await expect(settings.group('shop')).toHaveAttribute('data-dirty', 'false');
  await expect(settings.group('shop').getByRole('alert').filter({ hasText: '已保存' })).toBeVisible();
  expect((await hostSettings(c)).shop.name).toBe('老王便利店');

  // An unsaved edit in 常规: leaving asks; staying keeps it; saving it lets you go.
  await settings.field('general', 'idleLockMinutes').fill('12');
  await app.goTo('counter');
  await expect(settings.leaveDialog()).toBeVisible();
  await expect(c.page.getByTestId('leave-stay')).toBeFocused();
  await settings.stay();
  await expect(settings.field('general', 'idleLockMinutes')).toHaveValue('12');
  await settings.save('general');
  await expect(settings.group('general')).toHaveAttribute('data-dirty', 'false');
  expect((await hostSettings(c)).general.idleLockMinutes).toBe(12);
  await app.goTo('counter');
  await expect(settings.leaveDialog()).toHaveCount(0);
  await expect(c.page.getByTestId('counter')).toBeVisible();

  // Discarding drops the edit; the stored value is untouched.
  await app.goTo('settings');
  await settings.field('shop', 'address').fill('不会保存的地址');
  await c.page.getByTestId('logout').click();
  await expect(settings.leaveDialog()).toBeVisible();
  await settings.discard();
  await expect(c.page.getByTestId('login')).toBeVisible();
  expect((await hostSettings(c)).general.idleLockMinutes).toBe(12);
});

test('one time zone for slips and screens: the list shows the slip’s time, and both follow the zone in Settings', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' }, printer: { customerCopy: false } } });
  const counter = new CounterPage(c.page);
  await counter.approvedSale('3600');
  await counter.next();
  const printed = ((await dispatch(c, 'printer:virtual-receipts', { limit: 1 })) as { value: { receipts: Array<{ text: string }> } }).value.receipts[0]?.text ?? '';
  const slipTime = /日期时间 DATE\/TIME\s+\d{4}\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d)/.exec(printed);
  expect(slipTime).not.toBeNull();
  await app.goTo('transactions');
  const list = new TransactionsPage(c.page);
  await expect(list.rows().first()).toContainText(`${slipTime?.[1]}/${slipTime?.[2]} ${slipTime?.[3]}`);

  await app.goTo('settings');
  const settings = new SettingsPage(c.page);
  await expect(settings.group('general')).toContainText('北京时间');
  await settings.choose('general', /时区/, /协调世界时/);
  await settings.save('general');
  await expect(settings.group('general')).toHaveAttribute('data-dirty', 'false');
  expect((await hostSettings(c)).general.timeZone).toBe('UTC');
  await app.goTo('transactions');
  const utcHour = String((Number(slipTime?.[3]?.slice(0, 2)) + 16) % 24).padStart(2, '0');
  await expect(list.rows().first()).toContainText(` ${utcHour}:${slipTime?.[3]?.slice(3)}`);
});

test('the sign-in screens switch language, the button is named by its own text, and the choice is kept', async ({ console: c }) => {
  const app = new ConsolePage(c.page, () => c.host);
  const login = new LoginPage(c.page);
  await app.open();
  await expect(login.firstRunForm()).toBeVisible();
  // The accessible name is the visible text: the other language, in that language.
  const english = c.page.getByRole('button', { name: 'English', exact: true });
  await expect(english).toHaveAttribute('data-testid', 'language-toggle');
  await expect(english).toHaveAttribute('lang', 'en');
  await english.click();
  await expect(login.firstRunForm()).toContainText('manager');
  await expect(c.page.locator('html')).toHaveAttribute('lang', 'en');
  await c.page.screenshot({ path: 'test-results/screens/first-run-en.png' });
  expect((await hostSettings(c)).general.language).toBe('en');

  await login.createManager(MANAGER.name, MANAGER.pin);
  await expect(app.operatorBadge()).toContainText('Manager');
  await c.page.reload();
  await expect(login.form()).toContainText('Sign in');
  const chinese = c.page.getByRole('button', { name: '中文', exact: true });
  await expect(chinese).toHaveAttribute('lang', 'zh-CN');
  await chinese.click();
  await expect(login.form()).toContainText('登录');
  await c.page.screenshot({ path: 'test-results/screens/login-zh-CN.png' });
  expect((await hostSettings(c)).general.language).toBe('zh-CN');
  await login.login(MANAGER.name, MANAGER.pin);
  await expect(app.operatorBadge()).toContainText('主管');
  // The app bar's button is named by its text too.
  await expect(c.page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('data-testid', 'language-toggle');
});
