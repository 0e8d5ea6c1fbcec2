import { mkdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsPatch } from '../../shared/domain/settings';
import { getDownloadShelf } from '../evidence/export-handlers';
import { createCore } from '../services/core';
import type { Core } from '../services/core';
import { createFileLogger } from '../services/logger';
import { HOST_MARKER_HEADER } from './http-handler';
import { choosePort, portBusyMessage, readPortRecord, rememberPort } from './host-port';
import type { PortRecord } from './host-port';
import { KeyFileSecretStore } from './key-file-secrets';
import { ListenError, startWebHost } from './server';
import type { WebHost } from './server';
import { createWsTransport } from './ws-transport';
import type { TrafficRecord } from './ws-transport';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const defaultDataDir = (): string => process.env.COUNTERSIGN_DATA_DIR || join(homedir(), '.countersign');

/** The app window's Chromium profile: with the records, so a restart finds them. */
export const browserProfileDir = (dataDir: string): string => join(dataDir, 'browser-profile');

export interface BrowserHost {
  core: Core;
  web: WebHost;
  dataDir: string;
  stop(): Promise<void>;
}

/** The host did not start, for a reason the user can act on; `message` says what to do. */
export class StartRefused extends Error {}

/** Binds and releases the port, so a busy port is reported before the core starts anything. */
const probeListen = (port: number): Promise<string | null> =>
  new Promise((done) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'unknown'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(null)));
  });

/** Whether the program holding the port is a Countersign browser host. */
const isCountersign = (port: number): Promise<boolean> =>
  new Promise((done) => {
    // No keep-alive: the probe must not hold a connection to someone else's program.
    const req = get({ host: '127.0.0.1', port, path: '/session', timeout: 1500, agent: false, headers: { connection: 'close' } }, (res) => {
      done(res.headers[HOST_MARKER_HEADER] === 'browser-host');
      req.destroy();
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
  });

const busy = async (port: number, code: string, record: PortRecord | null): Promise<StartRefused> =>
  new StartRefused(portBusyMessage({ port, code, record, countersign: code === 'EADDRINUSE' && (await isCountersign(port)) }));

/**
 * Composition root of the browser host: the same core as the desktop host, over a WebSocket.
 * The core starts before the port is bound: serving the page while the core and its device
 * modules load made the page itself several times slower (one event loop), for no gain.
 */
export const launchBrowserHost = async (opts: {
  dataDir?: string;
  /** --port / COUNTERSIGN_PORT; undefined: the data folder's port, else the default. 0: a free port (tests). */
  port?: number;
  /** Move this data folder to `port` although its records were made under another one. */
  changePort?: boolean;
  settingsOverrides?: SettingsPatch;
  echoLogs?: boolean;
  /** Reuse a token (a restarted host keeps its printed address working). */
  token?: string;
  /** Tests only: records every WebSocket message (ws-transport.ts `TrafficRecord`). */
  record?: (message: TrafficRecord) => void;
  /** Tests only: main's clock (idle lock, PIN back-off) without waiting in real time. */
  now?: () => number;
} = {}): Promise<BrowserHost> => {
  const dataDir = resolve(opts.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const record = readPortRecord(dataDir);
  const choice = choosePort({ requested: opts.port, record, changePort: opts.changePort ?? false });
  if ('refused' in choice) throw new StartRefused(choice.refused);
  if (choice.port !== 0) {
    const code = await probeListen(choice.port);
    if (code) throw await busy(choice.port, code, record);
  }

  const logger = createFileLogger(dataDir, { echo: opts.echoLogs ?? false });
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const secrets = new KeyFileSecretStore(dataDir);
  const core = await createCore({ host: 'browser', version: pkg.version, dataDir, secrets, logger, appRoot: repoRoot }, { settingsOverrides: opts.settingsOverrides, ...(opts.now ? { now: opts.now } : {}) });
  let web: WebHost;
  try {
    const sessionSecret = await secrets.getOrCreate('web-session', 32);
    web = await startWebHost({ staticDir: join(repoRoot, 'out', 'renderer'), port: choice.port, sessionSecret, token: opts.token, logger, transport: Promise.resolve(createWsTransport(core, opts.record ? { record: opts.record } : {})), downloads: () => getDownloadShelf(core.context) });
  } catch (error) {
    await core.stop();
    if (error instanceof ListenError) throw await busy(error.port, error.code, record);
    throw error;
  }
  if (choice.remember) rememberPort(dataDir, web.port);
  logger.info('web-host.started', { port: web.port, remembered: choice.remember });
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
