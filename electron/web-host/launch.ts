import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsPatch } from '../../shared/domain/settings';
import { createCore } from '../services/core';
import type { Core } from '../services/core';
import { createFileLogger } from '../services/logger';
import { KeyFileSecretStore } from './key-file-secrets';
import { startWebHost } from './server';
import type { TrafficRecord, WebHost } from './server';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const defaultDataDir = (): string => process.env.COUNTERSIGN_DATA_DIR ?? join(homedir(), '.countersign');

export interface BrowserHost {
  core: Core;
  web: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

/** Composition root of the browser host: the same core as the desktop host, over a WebSocket. */
export const launchBrowserHost = async (opts: {
  dataDir?: string;
  port?: number;
  settingsOverrides?: SettingsPatch;
  echoLogs?: boolean;
  /** Reuse a token (a restarted host keeps its open pages connected). */
  token?: string;
  /** Tests only: records every WebSocket message (server.ts `TrafficRecord`). */
  record?: (message: TrafficRecord) => void;
  /** Tests only: main's clock (idle lock, PIN back-off) without waiting in real time. */
  now?: () => number;
} = {}): Promise<BrowserHost> => {
  const dataDir = resolve(opts.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = createFileLogger(dataDir, { echo: opts.echoLogs ?? false });
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const core = await createCore(
    { host: 'browser', version: pkg.version, dataDir, secrets: new KeyFileSecretStore(dataDir), logger },
    { settingsOverrides: opts.settingsOverrides, ...(opts.now ? { now: opts.now } : {}) },
  );
  const web = await startWebHost({ core, staticDir: join(repoRoot, 'out', 'renderer'), port: opts.port ?? 0, token: opts.token, ...(opts.record ? { record: opts.record } : {}) });
  return {
    core,
    web,
    dataDir,
    stop: async () => {
      await web.close();
      await core.stop();
    },
  };
};
