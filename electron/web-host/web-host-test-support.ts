import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../services/logger';
import { startWebHost } from './server';
import type { WebHost } from './server';
import { createWsTransport } from './ws-transport';
import type { WebHostCore } from './ws-transport';

/** A browser host over a stub core and a tiny renderer folder, for the transport's own tests. */
export interface TestWebHost {
  web: WebHost;
  root: string;
  dispatched: Array<{ command: unknown; payload: unknown }>;
}

export const SESSION_SECRET = new Uint8Array(32).fill(7);

export const startTestWebHost = async (opts: { secret?: Uint8Array; port?: number; token?: string } = {}): Promise<TestWebHost> => {
  const root = mkdtempSync(join(tmpdir(), 'cs-web-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<html><body>console</body></html>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.info(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const dispatched: TestWebHost['dispatched'] = [];
  const core: WebHostCore = {
    router: {
      dispatch: (command, payload) => {
        dispatched.push({ command, payload });
        return Promise.resolve({ ok: true, value: { echoed: true } });
      },
    },
    events: { subscribe: () => () => undefined },
    context: { logger: silentLogger },
    disconnected: () => undefined,
  };
  const web = await startWebHost({
    staticDir: join(root, 'renderer'),
    port: opts.port ?? 0,
    sessionSecret: opts.secret ?? SESSION_SECRET,
    token: opts.token,
    logger: silentLogger,
    transport: Promise.resolve(createWsTransport(core)),
  });
  return { web, root, dispatched };
};
