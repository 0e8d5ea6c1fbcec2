import { join } from 'node:path';
import type { Logger } from '../../services/logger';
import type { SettingsStore } from '../../services/settings-store';
import { readBuildFlavor } from '../build-flavor';
import type { CounterActivity } from '../counter-activity';
import { createElectronUpdater } from './electron-updater-port';
import { UpdateController } from './update-controller';
import { readUpdateFeed } from './update-feed';
import type { UpdateFeed } from './update-feed';
import { buildUpdateGate } from './update-policy';

export interface DesktopUpdateDeps {
  packaged: boolean;
  /** `app.getAppPath()`: where the packaged package.json (and its build flavor) is. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder put app-update.yml. */
  resourcesPath: string;
  platform: NodeJS.Platform;
  settings: SettingsStore;
  activity: CounterActivity;
  logger: Logger;
}

/** Reads what this build is, decides whether it may update, and starts the controller. */
export const startDesktopUpdates = (deps: DesktopUpdateDeps): UpdateController => {
  const { logger } = deps;
  let feed: UpdateFeed = { kind: 'none' };
  let flavor: 'release' | 'training' = 'release';
  if (deps.packaged) {
    const read = readBuildFlavor(deps.appPath);
    flavor = read.flavor;
    if (read.problem) logger.warn('update.flavor-unreadable', { problem: read.problem, treatedAs: flavor });
    feed = readUpdateFeed(join(deps.resourcesPath, 'app-update.yml'));
    if (feed.kind === 'invalid') logger.warn('update.feed-invalid', { problem: feed.problem });
  }
  const gate = buildUpdateGate({ packaged: deps.packaged, flavor, platform: deps.platform, feed });
  const controller = new UpdateController({
    gate,
    createUpdater: createElectronUpdater,
    counter: () => ({ trainingMode: deps.settings.get().general.trainingMode, busy: deps.activity.busy() }),
    logger,
  });
  controller.start().catch((error: unknown) => logger.error('update.start-failed', { error: error instanceof Error ? error.message : String(error) }));
  return controller;
};
