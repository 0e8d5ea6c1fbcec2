import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { Menu, app, dialog, screen, session } from 'electron';
import { getCardVault } from '../card/card-reader-module';
import { createCore } from '../services/core';
import { createFileLogger } from '../services/logger';
import { packagedMenuTemplate } from './app-menu';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { CounterActivity } from './counter-activity';
import { bridgeIpc } from './ipc-bridge';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { createSecureWindow, preloadPath } from './secure-window';
import { chooseSaveFile } from './save-dialog';
import { hardenSessionPermissions } from './session-permissions';
import { startDesktopUpdates } from './updates/desktop-updates';
import { fireAndLog } from '../services/fire-and-log';

/** Composition root of the desktop host: builds the core, wires IPC, opens the window. */
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const outDir = join(__dirname, '..');
  const dataDir = app.getPath('userData');
  const logger = createFileLogger(dataDir);
  const packaged = app.isPackaged;
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

  const ready = async (): Promise<void> => {
    hardenSessionPermissions(session.defaultSession, logger);
    serveAppProtocol(join(outDir, 'renderer'));
    let customerWindow: BrowserWindow | null = null;
    const openCustomerWindow = (): boolean => {
      if (customerWindow && !customerWindow.isDestroyed()) {
        customerWindow.focus();
        return true;
      }
      // The customer screen goes on the second display when there is one.
      const other = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
      customerWindow = createSecureWindow({ dataDir, name: 'customer', preload: preloadPath(outDir), query: '?window=customer', packaged, logger });
      if (other) customerWindow.setBounds(other.workArea);
      return true;
    };
    let core: Awaited<ReturnType<typeof createCore>> | undefined;
    // Asked only once the core runs (a command came in), so its settings are there.
    const chooseSavePath = (senderId: string, suggestedName: string): Promise<string | null> => chooseSaveFile(senderId, suggestedName, core?.context.settings.get().general.language ?? 'zh-CN');
    try {
      core = await createCore({ host: 'desktop', version: app.getVersion(), dataDir, secrets: new SafeStorageSecretStore(dataDir), logger, openCustomerWindow, chooseSavePath, appRoot: app.getAppPath() });
    } catch (error) {
      // E.g. a damaged settings file (SettingsLoadError): say so and stop, never start on defaults.
      const message = error instanceof Error ? error.message : String(error);
      logger.error('core.start-failed', { message });
      dialog.showErrorBox('Countersign could not start / 收银台无法启动', message);
      app.exit(1);
      return;
    }
    const settings = core.context.settings;
    if (packaged) {
      // No default menu (Reload, DevTools) in a packaged build; see app-menu.ts.
      const applyMenu = (): void => {
        const template = packagedMenuTemplate(process.platform, settings.get().general.language);
        Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
      };
      applyMenu();
      settings.onChange(applyMenu);
    }
    const activity = new CounterActivity(() => getCardVault(core.context).size);
    bridgeIpc(core, activity);
    const updates = startDesktopUpdates({ packaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, platform: process.platform, settings, activity, logger });
    mainWindow = createSecureWindow({ dataDir, name: 'main', preload: preloadPath(outDir), packaged, logger });
    app.on('before-quit', () => {
      // Decide about the update first: the core's stop wipes the card vault.
      updates.beforeQuit();
      fireAndLog(logger, 'core.stop-failed', core.stop());
    });
  };
  fireAndLog(logger, 'app.start-failed', app.whenReady().then(ready));

  app.on('window-all-closed', () => app.quit());
}
