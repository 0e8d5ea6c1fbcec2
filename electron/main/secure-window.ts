import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import type { Session } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { loadBounds, rememberBounds } from './window-bounds';
import { fireAndLog } from '../services/fire-and-log';
import type { Logger } from '../services/logger';

/** Device permissions the console needs from the web platform; everything else is denied. */
const ALLOWED_PERMISSIONS = new Set(['hid', 'usb', 'serial']);

/** Session-wide hardening: deny permissions, navigation, new windows and webviews. */
export const hardenSession = (ses: Session = session.defaultSession): void => {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
  ses.setDevicePermissionHandler(() => false);
};

export const createSecureWindow = (opts: { dataDir: string; name: string; preload: string; query?: string; logger: Logger }): BrowserWindow => {
  const saved = loadBounds(opts.dataDir, opts.name);
  const win = new BrowserWindow({
    width: saved?.bounds.width ?? 1280,
    height: saved?.bounds.height ?? 800,
    ...(saved ? { x: saved.bounds.x, y: saved.bounds.y } : {}),
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#0b1d2a',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) win.maximize();
  rememberBounds(win, opts.dataDir, opts.name);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Help links may open in the user's browser; nothing opens inside the app.
    if (url.startsWith('https://')) fireAndLog(opts.logger, 'window.open-external-failed', shell.openExternal(url));
    return { action: 'deny' };
  });
  fireAndLog(opts.logger, 'window.load-failed', win.loadURL(`${APP_ORIGIN}/index.html${opts.query ?? ''}`));
  return win;
};

export const preloadPath = (outDir: string): string => join(outDir, 'preload', 'index.cjs');
