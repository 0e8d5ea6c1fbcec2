import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';
import { OperatorsPage } from './pages/operators-page';
import { AuditPage } from './pages/audit-page';
import { MANAGER, dispatch, setUpAsManager } from './helpers';

/**
 * Issue 13 end to end: main holds sessions, PINs and approvals; the screens follow it.
 */
const openLatestSale = async (c: ConsoleFixture) => {
  await c.page.getByTestId('nav-transactions').click();
  await c.page.getByTestId('filter-all').click();
  await c.page.getByTestId('sale-row').last().click();
  await expect(c.page.getByTestId('sale-detail')).toBeVisible();
};

test('a reset PIN must be replaced at sign-in; wrong PINs back off with the wait shown', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  const login = new LoginPage(c.page);
  const operators = new OperatorsPage(c.page);
  await app.goTo('operators');
  await operators.add('Li', '735146');
  await expect(operators.message()).toContainText('Li');
  await operators.add('Zhou', '4829');
  await expect(operators.message()).toContainText(/6 至 8|6 to 8/);
  await operators.resetPin('Li', '951357');
  await expect(operators.message()).toContainText('Li');
  await c.page.getByTestId('logout').click();

  // Each refused attempt clears the PIN field: wait for that before the next one.
  const refused = async (pin: string): Promise<void> => {
    await login.login('Li', pin);
    await expect(c.page.getByTestId('login-pin')).toHaveValue('');
  };
  for (let i = 0; i < 3; i++) await refused('000000');
  await expect(login.error()).toHaveAttribute('data-reason', 'wrong-pin');
  // After the third wrong PIN main waits before it hears the next one, even the right one.
  await refused('951357');
  await expect(login.error()).toHaveAttribute('data-reason', 'backoff');
  await expect(login.error()).toContainText(/秒|seconds/);
  c.advanceHostClock(3_000);
  await login.login('Li', '951357');
  await expect(login.pinChangeForm()).toBeVisible();
  await login.chooseNewPin('123456');
  await expect(c.page.getByTestId('pin-change-error')).toHaveAttribute('data-reason', 'pin-weak');
  await login.chooseNewPin('951357');
  await expect(c.page.getByTestId('pin-change-error')).toHaveAttribute('data-reason', 'pin-reused');
  await login.chooseNewPin('286140');
  await expect(app.operatorBadge()).toContainText('Li');
  await expect(app.nav('operators')).toHaveCount(0);
  await c.page.screenshot({ path: 'test-results/screens/signed-in-cashier.png' });
});

test('a void is approved by the manager it names: another manager’s PIN under that name is refused', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { signature: { rule: 'never' } } });
  await app.goTo('operators');
  await new OperatorsPage(c.page).add('Zhao', '592817', 'manager');
  await app.goTo('counter');
  const counter = new CounterPage(c.page);
  await counter.approvedSale('6600');
  await counter.next();
  await openLatestSale(c);
  await c.page.getByTestId('detail-void').click();
  await c.page.getByTestId('reverse-manager').click();
  await c.page.getByRole('option', { name: 'Zhao' }).click();
  await c.page.getByTestId('reverse-pin').fill(MANAGER.pin);
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('reverse-error')).toHaveAttribute('data-reason', 'wrong-pin');
  await c.page.getByTestId('reverse-pin').fill('592817');
  await c.page.getByTestId('reverse-submit').click();
  await expect(c.page.getByTestId('sale-detail')).toHaveAttribute('data-state', 'voided');
  const journal = c.host.core.context.journal.since(0, 10_000);
  const zhao = c.host.core.context.operators.list().find((o) => o.name === 'Zhao')!;
  expect(journal.filter((e) => e.action === 'manager-approval').map((e) => [e.objectId, e.result])).toEqual([
    [zhao.id, 'fail'],
    [zhao.id, 'ok'],
  ]);
  expect(journal.filter((e) => e.action === 'void.send').map((e) => e.detail.approvedBy)).toEqual([zhao.id]);
});

test('the audit screen shows the signed checkpoint and verifies everything; About shows the same key fingerprint', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await dispatch(c, 'settings:set', { patch: { shop: { name: 'Audit Shop' } } });
  const fingerprint = c.host.core.context.deviceKey.fingerprint;
  await app.goTo('audit');
  const audit = new AuditPage(c.page);
  // Main's journal is taken into the log: the settings change recorded as main applied it.
  await expect(c.page.locator('[data-testid="audit-row"][data-action="settings.change"]')).toHaveCount(1);
  await c.page.getByTestId('audit-checkpoint-now').click();
  await expect(c.page.getByTestId('audit-checkpoint-outcome')).toHaveAttribute('data-kind', /signed|current/);
  await expect(c.page.getByTestId('audit-checkpoint')).not.toHaveAttribute('data-size', '0');
  await expect(c.page.getByTestId('audit-fingerprint')).toContainText(fingerprint);
  await audit.verify();
  await expect(audit.verifyResult()).toHaveAttribute('data-ok', 'true');
  await c.page.screenshot({ path: 'test-results/screens/audit-verified-zh-CN.png', fullPage: true });
  await app.goTo('about');
  await expect(c.page.getByTestId('about-fingerprint')).toHaveText(fingerprint.match(/.{1,4}/g)!.join(' '));
  await c.page.getByTestId('about-print-key').click();
  await expect.poll(async () => JSON.stringify(await dispatch(c, 'printer:virtual-receipts', { limit: 5 }))).toContain(fingerprint.slice(0, 4));
});

test('the idle lock cannot be set above 15 minutes, on the screen or by a command', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await app.goTo('settings');
  // The settings screen refuses it with the field named (main's schema says at most 15), and nothing changes.
  const idle = c.page.getByTestId('setting-general-idleLockMinutes');
  await idle.fill('60');
  await c.page.getByTestId('settings-save-general').click();
  await expect(c.page.getByTestId('settings-error-general')).toBeVisible();
  expect(await dispatch(c, 'settings:set', { patch: { general: { idleLockMinutes: 16 } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch.general.idleLockMinutes' } });
  expect(await dispatch(c, 'settings:get', {})).toMatchObject({ ok: true, value: { general: { idleLockMinutes: 15 } } });
});
