import { test, expect } from './fixtures';
import { DevicesPage } from './pages/devices-page';
import { dumpIndexedDb, setUpAsManager, typeLikeReader } from './helpers';
import { findSentinel } from '../card-sentinel';
import { SENTINEL_TEST_PAN } from '../../electron/devices/test-cards';

const TRACK2 = `;${SENTINEL_TEST_PAN}=30121010000000000000?`;

test('a test card shows the masked number and brand; a bad swipe says what to do', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await app.goTo('devices');
  const devices = new DevicesPage(c.page);
  await devices.testCard('unionpay-debit').click();
  await expect(devices.resultOk()).toBeVisible();
  await expect(devices.resultNumber()).toContainText('1232');
  await expect(devices.resultNumber()).not.toContainText('6212345678901232');
  await devices.testCard('chip-swiped').click();
  await expect(devices.chipWarning()).toBeVisible();
  await devices.testCard('bad-swipe').click();
  await expect(devices.resultFailed()).toBeVisible();
  await expect(devices.resultFailed()).toContainText(/重新刷卡|swipe again/);
  await c.page.screenshot({ path: 'test-results/screens/devices-zh-CN.png', fullPage: true });
});

test('a keyboard-reader swipe is captured, the focused input receives nothing, normal typing still works', async ({ console: c }) => {
  const app = await setUpAsManager(c);
  await app.goTo('settings');
  const field = c.page.getByTestId('setting-shop-receiptFooter');
  await field.fill('');
  await field.focus();
  await typeLikeReader(c.page, TRACK2);
  await expect(field).toHaveValue('');
  await expect(c.page.getByTestId('swipe-toast').getByTestId('card-result-number')).toContainText('1232');

  await app.goTo('settings');
  const footer = c.page.getByTestId('setting-shop-receiptFooter');
  await footer.fill('');
  await footer.pressSequentially('Thanks; see you', { delay: 80 });
  await expect(footer).toHaveValue('Thanks; see you');

  // The sentinel card is nowhere: not in IndexedDB, the data folder or the logs.
  await c.page.waitForTimeout(200);
  const dump = await dumpIndexedDb(c.page);
  const hits = findSentinel({ dataDir: c.dataDir, extraTexts: [dump], needles: [SENTINEL_TEST_PAN, TRACK2.slice(1, -1)] });
  expect(hits).toEqual([]);
});
