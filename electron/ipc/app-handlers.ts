import { statfs } from 'node:fs/promises';
import type { CoreContext } from '../services/core-context';

const diskOf = async (dir: string): Promise<{ freeBytes: number; totalBytes: number } | null> => {
  try {
    const s = await statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
};

export const registerAppHandlers = (ctx: CoreContext): void => {
  const startedAt = new Date().toISOString();
  ctx.router.handle('app:info', async () => ({
    name: 'Countersign',
    version: ctx.platform.version,
    host: ctx.platform.host,
    platform: `${process.platform}-${process.arch}`,
    dataLocation: ctx.platform.dataDir,
    trainingMode: ctx.settings.get().general.trainingMode,
    secretsProtectedByOs: ctx.platform.secrets.protectedByOs,
    disk: await diskOf(ctx.platform.dataDir),
    startedAt,
  }));
  ctx.router.handle('app:log', ({ level, event, fields }) => {
    ctx.logger[level](`renderer.${event}`, fields);
    return {};
  });
  ctx.router.handle('app:open-customer-window', () => ({ opened: ctx.platform.openCustomerWindow?.() ?? false }));
};
