import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberPort } from './host-port';
import { StartRefused, launchBrowserHost } from './launch';
import { startTestWebHost } from './web-host-test-support';

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'cs-launch-'));

describe('starting the browser host', () => {
  it('stops with a clear message when another program holds the port, never taking another one', async () => {
    // Another program: answers anything with a plain 200 and hangs up.
    const other = createServer((socket) => socket.resume().end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const address = other.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const start = launchBrowserHost({ dataDir: dataDir(), port });
      await expect(start).rejects.toBeInstanceOf(StartRefused);
      await expect(start).rejects.toThrow(`port ${port} on 127.0.0.1 is in use by another program`);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('recognises a Countersign host already running on the port', async () => {
    const running = await startTestWebHost();
    try {
      await expect(launchBrowserHost({ dataDir: dataDir(), port: running.web.port })).rejects.toThrow(`Countersign is already running at ${running.web.origin}`);
    } finally {
      await running.web.close();
    }
  });

  it('refuses a port other than the one the data folder was started on, before starting anything', async () => {
    const dir = dataDir();
    rememberPort(dir, 18123);
    await expect(launchBrowserHost({ dataDir: dir, port: 18124 })).rejects.toThrow('records were made at http://127.0.0.1:18123');
  });
});
