import { decodeCardReport } from '../electron/devices/card-report';
import { readHexFixture } from '../test/fixtures/hid/builders';
import { firstRun, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

const hex = (name: string): Uint8Array => readHexFixture(name.replace(/\.hex$/, ''));

const perDecode = (format: 'magtek-337' | 'magtek-v5' | 'idtech-enhanced', bytes: Uint8Array, n = 20_000): number => {
  const check = decodeCardReport(format, bytes);
  if (!check.ok) throw new Error(`fixture for ${format} does not decode: ${check.reason}`);
  for (let i = 0; i < 1000; i++) decodeCardReport(format, bytes);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) decodeCardReport(format, bytes);
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
};

/** Decode time per HID report, and swipe-to-summary latency in the browser host (keyboard reader). */
export default async function cardBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [
    { id: 'card.decode.magtek-337', name: 'decode MagTek 337-byte report', value: perDecode('magtek-337', hex('magtek-337-unionpay.hex')), unit: 'µs', target: 1000 },
    { id: 'card.decode.magtek-v5', name: 'decode MagneSafe V5 887-byte report', value: perDecode('magtek-v5', hex('magtek-v5-masked.hex')), unit: 'µs', target: 1000 },
    { id: 'card.decode.idtech-enhanced', name: 'decode ID TECH enhanced frame', value: perDecode('idtech-enhanced', hex('idtech-enhanced-visa.hex')), unit: 'µs', target: 1000 },
  ];
  await withBrowserHost(async (page, host) => {
    // Times, in the page: the last keystroke of a swipe, and the first frame after the summary arrives.
    await page.addInitScript(() => {
      const w = window as unknown as { __enter: number; __painted: number[] };
      w.__painted = [];
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__enter = performance.now()), { capture: true });
      // Wrapped and called with the socket as `this`, so the unbound reference is intended.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const orig = WebSocket.prototype.addEventListener;
      WebSocket.prototype.addEventListener = function (this: WebSocket, type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) {
        if (type !== 'message') return orig.call(this, type, fn, o);
        return orig.call(this, type, (ev: Event) => {
          (fn as EventListener)(ev);
          if (String((ev as MessageEvent).data).startsWith('{"event":"card-reader:swiped"')) requestAnimationFrame(() => w.__painted.push(performance.now() - w.__enter));
        }, o);
      } as typeof WebSocket.prototype.addEventListener;
    });
    await firstRun(page, host);
    await page.getByTestId('nav-settings').click();
    for (let i = 0; i < 10; i++) {
      for (const ch of ';6212345678901232=30121010000000000000?') await page.keyboard.press(ch);
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (window as unknown as { __painted: number[] }).__painted.length > n, i);
      await page.waitForTimeout(100);
    }
    const samples = (await page.evaluate(() => (window as unknown as { __painted: number[] }).__painted)).sort((a, b) => a - b);
    rows.push({ id: 'card.keyboard-swipe-to-summary', name: 'keyboard swipe: last key → summary on screen (median of 10)', value: samples[Math.floor(samples.length / 2)] ?? Number.NaN, unit: 'ms', target: 50 });
  });
  return rows;
}
