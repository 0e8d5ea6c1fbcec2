import { test, expect } from './fixtures';
import { CounterPage } from './pages/counter-page';
import { CustomerPage } from './pages/customer-page';
import { StatusStrip } from './pages/status-strip';
import { TransactionsPage } from './pages/transactions-page';
import { setUpAsManager, dispatch } from './helpers';
import { insideViewport, layoutProblems } from './layout';


const SECTIONS = ['counter', 'transactions', 'lookup', 'devices', 'training', 'settings', 'operators', 'audit', 'about'] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;

test.describe('layout on a 1024×768 counter PC and a 1024×600 customer display', () => {
  test('every screen at 1024×768, in Chinese and English: no button wraps, no label is cut, nothing off screen', async ({ console: c }) => {
    test.setTimeout(180_000);
    await c.page.setViewportSize({ width: 1024, height: 768 });
    const app = await setUpAsManager(c);
    const counter = new CounterPage(c.page);
    const strip = new StatusStrip(c.page);
    // Fill the status strip: an unsigned sale, a copy that did not print.
    await dispatch(c, 'settings:set', { patch: { printer: { customerCopy: false } } });
    await counter.approvedSale('1250');
    await counter.next();
    await c.page.getByTestId('signature-declined').click();
    await c.page.getByTestId('unsigned-finish').click();
    await counter.next();
    await dispatch(c, 'printer:virtual-state', { state: 'paper-end' });
    await counter.approvedSale('860', 'visa');
    await counter.next();
    await counter.signAndConfirm();
    // The counter keeps a finished sale on screen until 下一笔 (it is a service, not the page's state).
    await counter.next();
    await expect(strip.notPrinted()).toBeVisible();
    await expect(strip.unsigned()).toBeVisible();
    await expect(strip.printer()).toHaveAttribute('data-condition', 'paper-end');

    for (const lang of LANGUAGES) {
      if (lang === 'en') await app.switchLanguage();
      await expect(c.page.locator('html')).toHaveAttribute('lang', lang);
      // The app bar stays one line high.
      expect((await c.page.getByTestId('app-bar').boundingBox())?.height).toBeLessThanOrEqual(64);
      for (const section of SECTIONS) {
        await app.goTo(section);
        await expect(c.page.getByTestId(`section-${section}`)).toBeVisible();
        if (section === 'transactions') await expect(c.page.getByTestId('search-bar')).toHaveAttribute('data-ready', 'true');
        await c.page.waitForTimeout(150);
        await c.page.screenshot({ path: `test-results/screens/layout-1024x768-${section}-${lang}.png` });
        expect(await layoutProblems(c.page), `${section} (${lang})`).toEqual([]);
      }
      // The counter waiting for a card, and a sale's detail.
      await app.goTo('counter');
      await counter.typeAmount('990');
      await counter.charge();
      await expect(c.page.getByTestId('counter-card-step')).toBeVisible();
      await c.page.screenshot({ path: `test-results/screens/layout-1024x768-card-step-${lang}.png` });
      expect(await layoutProblems(c.page), `card step (${lang})`).toEqual([]);
      await c.page.getByTestId('counter-cancel').click();
      await app.goTo('transactions');
      const list = new TransactionsPage(c.page);
      await list.open(0);
      await expect(list.detail()).toBeVisible();
      await c.page.screenshot({ path: `test-results/screens/layout-1024x768-sale-detail-${lang}.png` });
      expect(await layoutProblems(c.page, '.MuiDrawer-paper'), `sale detail (${lang})`).toEqual([]);
      await list.close();
    }
  });

  for (const lang of LANGUAGES) {
    test(`the customer display at 1024×600 (${lang}): the pad and ${lang === 'zh-CN' ? '签好了' : 'Done'} fit on screen, on one line`, async ({ console: c }) => {
      await setUpAsManager(c);
      if (lang === 'en') await dispatch(c, 'settings:set', { patch: { general: { language: 'en' } } });
      const customer = new CustomerPage(await c.context.newPage());
      await customer.page.setViewportSize({ width: 1024, height: 600 });
      await customer.open(c.host.web.url);
      await expect(customer.root()).toBeVisible();
      const counter = new CounterPage(c.page);
      await counter.approvedSale('6600');
      await counter.next();
      await expect(customer.root()).toHaveAttribute('data-state', 'request-signature');
      await expect(customer.done()).toHaveText(lang === 'zh-CN' ? '签好了' : 'Done');
      await new CounterPage(customer.page).sign('customer-canvas');
      await expect(customer.done()).toBeEnabled();
      await customer.page.screenshot({ path: `test-results/screens/customer-1024x600-${lang}.png`, animations: 'disabled' });
      await expect(customer.done()).toBeEnabled();
      const done = await insideViewport(customer.page, 'customer-done');
      expect(done.inside, JSON.stringify(done.box)).toBe(true);
      expect((await insideViewport(customer.page, 'customer-canvas')).inside).toBe(true);
      expect(await layoutProblems(customer.page)).toEqual([]);
      await customer.done().click();
      await expect(c.page.getByTestId('counter-confirm-signature')).toBeVisible();
    });
  }
});
