import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import type { Logger } from '../services/logger';
import { APP_ORIGIN, isAppUrl } from './app-origin';
import { openHelpLink } from './external-links';
import { secureWebPreferences } from './web-preferences';
import { loadBounds, rememberBounds } from './window-bounds';

export const createSecureWindow = (opts: { dataDir: string; name: string; preload: string; query?: string; packaged: boolean; logger: Logger }): BrowserWindow => {
  const saved = loadBounds(opts.dataDir, opts.name);
  const win = new BrowserWindow({
    width: saved?.bounds.width ?? 1280,
    height: saved?.bounds.height ?? 800,
    ...(saved ? { x: saved.bounds.x, y: saved.bounds.y } : {}),
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#0b1d2a',
    webPreferences: secureWebPreferences({ preload: opts.preload, packaged: opts.packaged }),
  });
  if (saved?.maximized) win.maximize();
  rememberBounds(win, opts.dataDir, opts.name);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Nothing opens inside the app; only the app's own help links open in the user's browser.
    openHelpLink(shell, url, opts.logger);
    return { action: 'deny' };
  });
  win.loadURL(`${APP_ORIGIN}/index.html${opts.query ?? ''}`).catch((error: unknown) => {
    opts.logger.error('window.load-failed', { window: opts.name, error: error instanceof Error ? error.message : String(error) });
  });
  return win;
};

export const preloadPath = (outDir: string): string => join(outDir, 'preload', 'index.cjs');
