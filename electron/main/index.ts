import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog, screen } from 'electron';
import { createCore } from '../services/core';
import { createFileLogger } from '../services/logger';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { bridgeIpc } from './ipc-bridge';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { createSecureWindow, hardenSession, preloadPath } from './secure-window';
import { fireAndLog } from '../services/fire-and-log';

/** Composition root of the desktop host: builds the core, wires IPC, opens the window. */
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const outDir = join(__dirname, '..');
  const dataDir = app.getPath('userData');
  const logger = createFileLogger(dataDir);
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  const started = app.whenReady().then(async () => {
    hardenSession();
    serveAppProtocol(join(outDir, 'renderer'));
    let customerWindow: BrowserWindow | null = null;
    const openCustomerWindow = (): boolean => {
      if (customerWindow && !customerWindow.isDestroyed()) {
        customerWindow.focus();
        return true;
      }
      // The customer screen goes on the second display when there is one.
      const other = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
      customerWindow = createSecureWindow({ dataDir, name: 'customer', preload: preloadPath(outDir), query: '?window=customer', logger });
      if (other) customerWindow.setBounds(other.workArea);
      return true;
    };
    let core: Awaited<ReturnType<typeof createCore>>;
    try {
      core = await createCore({ host: 'desktop', version: app.getVersion(), dataDir, secrets: new SafeStorageSecretStore(dataDir), logger, openCustomerWindow });
    } catch (error) {
      // E.g. a damaged settings file (SettingsLoadError): say so and stop, never start on defaults.
      const message = error instanceof Error ? error.message : String(error);
      logger.error('core.start-failed', { message });
      dialog.showErrorBox('Countersign could not start / 收银台无法启动', message);
      app.exit(1);
      return;
    }
    bridgeIpc(core);
    mainWindow = createSecureWindow({ dataDir, name: 'main', preload: preloadPath(outDir), logger });
    app.on('before-quit', () => fireAndLog(logger, 'core.stop-failed', core.stop()));
  });
  fireAndLog(logger, 'app.start-failed', started);

  app.on('window-all-closed', () => app.quit());
}
