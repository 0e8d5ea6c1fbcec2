import { test, expect } from './fixtures';
import { DevicesPage } from './pages/devices-page';
import { cardDataHits, setUpAsManager, typeLikeReader } from './helpers';
import { CounterPage } from './pages/counter-page';
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

  // The sentinel card is nowhere: IndexedDB, the data folder, the logs, the profile folder, and
  // every WebSocket message but the swipe's own request to main.
  await c.page.waitForTimeout(200);
  expect(await cardDataHits(c, [SENTINEL_TEST_PAN, TRACK2.slice(1, -1)], { keyboardSwipesSent: true })).toEqual([]);
});

test('a slow swipe into the note field leaves no digits of the card in IndexedDB, the profile folder or the traffic', async ({ console: c }) => {
  await setUpAsManager(c);
  const counter = new CounterPage(c.page);
  await counter.typeAmount('1234');
  const note = c.page.getByRole('textbox', { name: /^(备注（可选）|Note \(optional\))$/ });
  await note.click();
  await note.pressSequentially('ok ', { delay: 50 });
  // A reader so slow its keys look typed (400 ms apart): nothing holds them, the field guard takes the card out.
  await note.pressSequentially(TRACK2, { delay: 400 });
  await expect(c.page.getByTestId('card-swiped-here')).toBeVisible();
  await expect(note).toHaveValue('ok ');
  // A reader that stalls 3.5 s inside the card number: held, dropped, and the rest dropped too.
  await note.pressSequentially(TRACK2.slice(0, 14), { delay: 90 });
  await c.page.waitForTimeout(3500);
  await note.pressSequentially(TRACK2.slice(14), { delay: 90 });
  await note.pressSequentially(' thanks', { delay: 50 });
  // What was typed around the card stays (a space right after a track may go with it).
  await expect(note).toHaveValue(/^ok +thanks$/);
  await counter.charge();
  await counter.swipe('unionpay-debit');
  await expect(counter.result()).toHaveAttribute('data-outcome', 'approved', { timeout: 15_000 });
  await c.page.waitForTimeout(500);
  // No request carried the track either: nothing was sent as a keyboard swipe.
  expect(c.traffic.some((m) => m.includes('card-reader:keyboard-swipe'))).toBe(false);
  expect(await cardDataHits(c, [SENTINEL_TEST_PAN, SENTINEL_TEST_PAN.slice(0, 12), TRACK2.slice(1, -1)])).toEqual([]);
  await c.page.screenshot({ path: 'test-results/screens/card-swiped-here.png' });
});
