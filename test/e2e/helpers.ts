/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { PublicOperator } from '../../shared/ipc/commands/auth';
import type { Envelope } from '../../shared/ipc/envelope';
import type { Sender } from '../../electron/ipc/router';
import type { BrowserHost } from '../../electron/web-host/launch';
import type { ConsoleFixture } from './fixtures';
import { findSentinel } from '../card-sentinel';
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

const harness = new WeakMap<BrowserHost, Sender>();

/**
 * Sends a command to main from the test, as the manager: a sender of its own, signed in with
 * the manager's PIN like any window (main checks the role of every command, tests included).
 * Signs in again when main locked that session (the host clock moved on) or restarted.
 */
export const dispatch = async (c: ConsoleFixture, command: string, payload: unknown): Promise<Envelope<unknown>> => {
  const host = c.host;
  let sender = harness.get(host);
  const signIn = async (): Promise<Sender> => {
    const s: Sender = { trusted: true, label: 'e2e-harness', id: `e2e-harness-${Date.now()}` };
    const list = (await host.core.router.dispatch('auth:operators', {}, s)) as Envelope<{ operators: PublicOperator[] }>;
    const manager = list.ok ? list.value.operators.find((o) => o.name === MANAGER.name) : undefined;
    if (!manager) throw new Error('the e2e harness signs in as the manager: set up the console first');
    const signed = await host.core.router.dispatch('auth:sign-in', { operatorId: manager.id, pin: MANAGER.pin }, s);
    if (!signed.ok || !(signed.value as { ok: boolean }).ok) {
      const log = readFileSync(join(c.dataDir, 'logs', 'countersign.log'), 'utf8').split('\n').filter((l) => l.includes('"level":"error"')).slice(-5);
      throw new Error(`the e2e harness could not sign in: ${JSON.stringify(signed)}\n${log.join('\n')}`);
    }
    harness.set(host, s);
    return s;
  };
  sender ??= await signIn();
  const first = await host.core.router.dispatch(command, payload, sender);
  if (!first.ok && first.error.code === 'FORBIDDEN_ROLE' && first.error.reason !== 'approval-needed') return host.core.router.dispatch(command, payload, await signIn());
  return first;
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

/**
 * Where the sentinel card shows up (RULES 1): IndexedDB, the data folder (logs, journal, keys),
 * the browser profile folder (LevelDB, Session Storage, crash reports) and the recording of
 * every WebSocket message. A keyboard-emulation swipe's own request carries the raw track to
 * main by design (the reader types it into the page, which sends it straight on); a test that
 * swiped that way says so, and only those requests are left out of the scan.
 */
export const cardDataHits = async (c: ConsoleFixture, needles: string[], opts: { keyboardSwipesSent?: boolean } = {}): Promise<string[]> => {
  const dump = await dumpIndexedDb(c.page);
  const traffic = opts.keyboardSwipesSent ? c.traffic.filter((m) => !(m.startsWith('in ') && m.includes('"command":"card-reader:keyboard-swipe"'))) : c.traffic;
  return findSentinel({ dataDir: c.dataDir, dirs: [c.profileDir], extraTexts: [dump, ...traffic], needles });
};
