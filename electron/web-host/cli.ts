import { parseArgs } from 'node:util';
import { installHint } from '../../build/find-browser.mjs';
import { StartRefused, browserProfileDir, launchBrowserHost } from './launch';
import { openAppWindow } from './open-app-window';
import type { AppWindowResult } from './open-app-window';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** One line per outcome of opening the app window; the "Open:" address is always printed above it. */
const windowLine = (r: AppWindowResult, dataDir: string): string => {
  switch (r.kind) {
    case 'opened':
      return `Opened the console in an app window (${r.browser}; profile ${browserProfileDir(dataDir)}${r.sandboxOff ? '; running as root, so its sandbox is off' : ''}).`;
    case 'no-browser':
      return `No Chrome, Edge or Chromium found for an app window: open the address above in a browser on this PC. ${installHint()}`;
    case 'no-display':
      return 'No display to open a window on: open the address above in Chrome, Edge or Chromium on this PC.';
    case 'failed':
      return `The browser could not start (${r.browser}: ${r.detail}): open the address above yourself.`;
    case 'timeout':
      return `The browser (${r.browser}) did not reach the console within ${r.seconds} s: open the address above yourself.`;
  }
};

/**
 * `npm run web` / `npm start` without Electron: the browser host. Prints the address with this
 * launch's token (open it once; the browser is then signed in by a cookie) and, with --open,
 * opens it in an app window whose profile lives in the data folder.
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.COUNTERSIGN_PORT || undefined },
      'data-dir': { type: 'string' },
      'change-port': { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  const host = await launchBrowserHost({ port, dataDir: values['data-dir'], changePort: values['change-port'] });
  const stop = (): void => {
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Countersign did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  say(`Countersign browser host at ${host.web.origin} (data folder: ${host.dataDir})`);
  if (port === 0) say('Port 0: a free port for this run only. Records made now are shown again only on this same port.');
  say(`Open: ${host.web.url}`);
  if (values.open) say(windowLine(await openAppWindow(host.web, host.dataDir), host.dataDir));
  say('Stop with Ctrl+C. Start again the same way (same data folder, same port) and the records are there again.');
};

main().catch((error: unknown) => {
  const message = error instanceof StartRefused ? error.message : `Countersign could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
