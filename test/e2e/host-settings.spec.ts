import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { dispatch, setUpAsManager } from './helpers';
import { HostSimulator } from '../host-sim/host-sim';

/**
 * "Pointing the settings at `npm run host-sim` runs the same sale over ISO 8583", done the way a
 * manager does it: on the Settings screen, then a sale at the counter.
 */
test('a manager points the card host at the host simulator in Settings; the same sale then goes over ISO 8583', async ({ console: c }) => {
  const sim = new HostSimulator();
  const { port } = await sim.start();
  try {
    await setUpAsManager(c);
    await expect(c.page.getByTestId('training-chip')).toBeVisible();
    await c.page.getByTestId('nav-settings').click();
    const host = c.page.getByTestId('settings-group-acquirer');
    await host.getByRole('combobox').first().click();
    await c.page.getByRole('option', { name: /ISO 8583/ }).click();
    await c.page.getByTestId('setting-acquirer-host').fill('127.0.0.1');
    await c.page.getByTestId('setting-acquirer-port').fill(String(port));
    await c.page.getByTestId('settings-save-acquirer').click();
    await expect(host.getByRole('alert')).toBeVisible();
    await c.page.getByRole('switch', { name: /练习模式|Training mode/ }).uncheck();
    await c.page.getByTestId('settings-save-general').click();
    // The shell's training chip goes away once the host has the change.
    await expect(c.page.getByTestId('training-chip')).toHaveCount(0);

    await c.page.getByTestId('nav-counter').click();
    await expect(c.page.getByTestId('link-status')).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    const counter = new CounterPage(c.page);
    await counter.typeAmount('2688');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'approved', { timeout: 15_000 });
    expect(sim.count({ kind: 'sale' })).toBe(1);
    expect(sim.standingApprovals().map((b) => b.amountFen)).toEqual([2688]);
    const settings = await dispatch(c, 'settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { general: { trainingMode: false }, acquirer: { kind: 'iso8583', port } } });
  } finally {
    await sim.stop();
  }
});
