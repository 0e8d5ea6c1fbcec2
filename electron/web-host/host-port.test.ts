import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, PORT_FILE, choosePort, portBusyMessage, readPortRecord, rememberPort } from './host-port';

const folder = (): string => mkdtempSync(join(tmpdir(), 'cs-port-'));

describe('the browser host port of a data folder', () => {
  it('a new data folder starts on the default port, or the one asked for, and remembers it', () => {
    expect(choosePort({ requested: undefined, record: null, changePort: false })).toEqual({ port: DEFAULT_PORT, remember: true });
    expect(choosePort({ requested: 18000, record: null, changePort: false })).toEqual({ port: 18000, remember: true });
    const dir = folder();
    rememberPort(dir, 18000, new Date('2026-12-01T08:00:00Z'));
    expect(readPortRecord(dir)).toEqual({ port: 18000, origin: 'http://127.0.0.1:18000', since: '2026-12-01T08:00:00.000Z' });
  });

  it('a later start uses the remembered port and refuses another one with what to do instead', () => {
    const record = { port: 18000, origin: 'http://127.0.0.1:18000', since: '2026-12-01T08:00:00.000Z' };
    expect(choosePort({ requested: undefined, record, changePort: false })).toEqual({ port: 18000, remember: false });
    expect(choosePort({ requested: 18000, record, changePort: false })).toEqual({ port: 18000, remember: false });
    const refused = choosePort({ requested: 18001, record, changePort: false });
    expect(refused).toHaveProperty('refused');
    const text = 'refused' in refused ? refused.refused : '';
    expect(text).toContain('http://127.0.0.1:18000');
    expect(text).toContain('empty console');
    expect(text).toContain('--change-port');
    expect(choosePort({ requested: 18001, record, changePort: true })).toEqual({ port: 18001, remember: true });
  });

  it('port 0 (tests) takes a free port and is never remembered; nonsense is refused', () => {
    expect(choosePort({ requested: 0, record: null, changePort: false })).toEqual({ port: 0, remember: false });
    expect(choosePort({ requested: Number.NaN, record: null, changePort: false })).toHaveProperty('refused');
    expect(choosePort({ requested: 70000, record: null, changePort: false })).toHaveProperty('refused');
  });

  it('a hand-edited file with only the port is the setting; a damaged one stops the start with a reason', () => {
    const dir = folder();
    writeFileSync(join(dir, PORT_FILE), '{"port": 18500}');
    expect(readPortRecord(dir)).toMatchObject({ port: 18500, origin: 'http://127.0.0.1:18500' });
    writeFileSync(join(dir, PORT_FILE), '{"port": "soon"');
    expect(() => readPortRecord(dir)).toThrow(/no valid "port"/);
  });

  it('a busy port says who holds it and never picks another port by itself', () => {
    expect(portBusyMessage({ port: DEFAULT_PORT, code: 'EADDRINUSE', record: null, countersign: true })).toMatch(/already running at http:\/\/127\.0\.0\.1:17820/);
    const fresh = portBusyMessage({ port: DEFAULT_PORT, code: 'EADDRINUSE', record: null, countersign: false });
    expect(fresh).toMatch(/in use by another program/);
    expect(fresh).toContain(`--port ${DEFAULT_PORT + 1}`);
    const kept = portBusyMessage({ port: 18000, code: 'EADDRINUSE', record: { port: 18000, origin: 'http://127.0.0.1:18000', since: 'x' }, countersign: false });
    expect(kept).toMatch(/records belong to http:\/\/127\.0\.0\.1:18000/);
    expect(kept).not.toContain('--port');
  });
});
