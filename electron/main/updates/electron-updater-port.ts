import { autoUpdater } from 'electron-updater';
import type { UpdaterEvent, UpdaterPort } from './update-controller';

const text = (message: unknown): string => (message instanceof Error ? message.message : String(message)).slice(0, 500);

/**
 * electron-updater behind the controller's port. `autoUpdater` is a lazy getter: the platform's
 * updater is only built here, when the build can update (never in development, training builds
 * or on Linux). A static import on purpose: the bundle turns it into `require`, whereas a
 * dynamic `import()` of this CommonJS package would not see the getter as a named export.
 *
 * Settings: download in the background as soon as a newer version is found; never a downgrade
 * or a prerelease; the feed, channel and Windows `publisherName` come from app-update.yml. The
 * default Windows signature verifier is kept (PowerShell Get-AuthenticodeSignature: status Valid
 * and the signer matching `publisherName`, else ERR_UPDATER_INVALID_SIGNATURE and no install).
 *
 * Install at quit: on Windows electron-updater reads `autoInstallOnAppQuit` when the app quits,
 * so the controller's decision at `before-quit` holds. On macOS the downloaded ZIP is handed to
 * Squirrel.Mac at once and Squirrel applies it after the app has exited, whatever the flag says
 * then; it still never interrupts a running sale, because nothing is replaced while the app runs.
 */
export const createElectronUpdater = (onEvent: (event: UpdaterEvent) => void): Promise<UpdaterPort> => {
  autoUpdater.logger = {
    info: (m?: unknown) => onEvent({ type: 'log', level: 'info', message: text(m) }),
    warn: (m?: unknown) => onEvent({ type: 'log', level: 'warn', message: text(m) }),
    error: (m?: unknown) => onEvent({ type: 'log', level: 'error', message: text(m) }),
    debug: (m: string) => onEvent({ type: 'log', level: 'debug', message: text(m) }),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.autoRunAppAfterInstall = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  // An 'error' event with no listener would throw inside the updater: this one is always there.
  autoUpdater.on('error', (error) => onEvent({ type: 'error', message: text(error) }));
  autoUpdater.on('checking-for-update', () => onEvent({ type: 'checking' }));
  autoUpdater.on('update-available', (info) => onEvent({ type: 'available', version: info.version }));
  autoUpdater.on('update-not-available', (info) => onEvent({ type: 'not-available', version: info.version }));
  autoUpdater.on('download-progress', (p) => onEvent({ type: 'progress', percent: p.percent }));
  autoUpdater.on('update-downloaded', (info) => onEvent({ type: 'downloaded', version: info.version }));
  autoUpdater.on('update-cancelled', (info) => onEvent({ type: 'cancelled', version: info.version }));
  return Promise.resolve({
    check: async () => {
      const result = await autoUpdater.checkForUpdates();
      // With autoDownload the download runs on this promise; waiting for it means its failure
      // (a bad signature, a broken file) reaches the controller instead of going unhandled.
      if (result?.downloadPromise) await result.downloadPromise;
    },
    setInstallOnQuit: (install) => {
      autoUpdater.autoInstallOnAppQuit = install;
    },
  });
};
