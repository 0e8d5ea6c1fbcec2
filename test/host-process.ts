import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { connectWs } from './ws-client';

/**
 * The browser host as its own process, started the way a user starts it (`npm start`, or the
 * CLI directly), for tests that stop and start it: the e2e restart test and CI's start check.
 */
export interface HostProcess {
  /** The printed "Open:" address, with this launch's token. */
  url: string;
  origin: string;
  port: number;
  /** When the address was printed (Date.now()). */
  printedAt: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /**
   * SIGTERM to the process group, then waits. Resolves with how the started process ended:
   * `exit 0`, `signal SIGTERM` (npm itself dies of the signal while the host below it stops
   * cleanly), or null when it had not ended within the timeout and was killed.
   */
  stop(timeoutMs?: number): Promise<string | null>;
}

const OPEN_LINE = /^Open: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=\S+$/m;

/** Signals the whole group (npm → sh → node), which this helper started detached. */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    // Already gone.
  }
};

const ending = (child: ChildProcess): string => (child.exitCode !== null ? `exit ${child.exitCode}` : `signal ${String(child.signalCode)}`);

const exited = (child: ChildProcess): Promise<string> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(ending(child)) : new Promise((resolve) => child.once('exit', () => resolve(ending(child))));

/** Runs a command to its end (e.g. a start that must be refused); resolves with code and output. */
export const runToEnd = (command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: process.platform !== 'win32', shell: process.platform === 'win32' });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

/** Starts the host and waits for its "Open:" line; rejects with everything it printed when it exits or hangs first. */
export const startHostProcess = (command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<HostProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: process.platform !== 'win32', shell: process.platform === 'win32' });
    let output = '';
    let settled = false;
    const stop = async (timeoutMs = 20_000): Promise<string | null> => {
      signalGroup(child, 'SIGTERM');
      const how = await Promise.race([exited(child), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
      if (how !== null) return how;
      signalGroup(child, 'SIGKILL');
      await exited(child);
      return null;
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      const fail = (): void => reject(new Error(`no "Open:" address within ${(opts.timeoutMs ?? 180_000) / 1000} s. Output:\n${output}`));
      stop(2_000).then(fail, fail);
    }, opts.timeoutMs ?? 180_000);
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      const m = OPEN_LINE.exec(output);
      if (!m || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url: m[0].slice('Open: '.length), origin: m[1]!, port: Number(m[2]), printedAt: Date.now(), output: () => output, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(new Error(`the host exited (${signal ?? `code ${String(code)}`}) before printing its address. Output:\n${output}`));
    });
  });

/** A free TCP port on 127.0.0.1 (bound and released). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Waits until nothing listens on `port` any more (the host has really gone); false after `timeoutMs`. */
export const waitPortFree = async (port: number, timeoutMs = 15_000): Promise<boolean> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

/** Exchanges the launch address's token for the session cookie, as a browser does; returns `name=value`. */
export const signIn = async (url: string): Promise<string> => {
  const res = await fetch(url, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`signing in at ${url} answered ${res.status} without a cookie`);
  return cookie;
};

type Answer = { ok: boolean; value?: unknown; error?: { code: string } };

/**
 * Sends one command over the host's WebSocket (let in by the cookie) and returns its envelope.
 * Each connection is its own sender to main: with `as`, the connection first signs in as that
 * operator (main holds the session per connection), as a page would.
 */
export const dispatchOverWs = async (origin: string, cookie: string, command: string, payload: unknown, opts: { as?: { name: string; pin: string }; timeoutMs?: number } = {}): Promise<Answer> => {
  const client = await connectWs({ origin, cookie });
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${command}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answer = async (): Promise<Answer> => {
      if (opts.as) {
        const { as } = opts;
        const list = await client.call<{ operators: Array<{ id: string; name: string }> }>('auth:operators', {});
        const operator = list.ok ? list.value.operators.find((o) => o.name === as.name) : undefined;
        if (!operator) throw new Error(`${command}: no operator named ${as.name}`);
        const signed = await client.call<{ ok: boolean }>('auth:sign-in', { operatorId: operator.id, pin: as.pin });
        if (!signed.ok || !signed.value.ok) throw new Error(`${command}: sign-in as ${as.name} refused: ${JSON.stringify(signed)}`);
      }
      return await client.call(command, payload);
    };
    return await Promise.race([answer(), deadline]);
  } finally {
    clearTimeout(timer);
    await client.close();
  }
};
