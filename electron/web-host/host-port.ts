import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-file';

/**
 * The browser host's port is part of the records' address: IndexedDB belongs to the origin
 * http://127.0.0.1:<port>, so a different port is a different, empty database. The port a
 * data folder was first started on is kept in `<data>/browser-host.json` and every later
 * start uses it; a request for another one is refused with what to do instead, never a
 * silent random port. Port 0 (a free port, for tests) is never remembered.
 */
export const DEFAULT_PORT = 17820;
export const PORT_FILE = 'browser-host.json';

export interface PortRecord {
  port: number;
  origin: string;
  since: string;
}

export const readPortRecord = (dataDir: string): PortRecord | null => {
  const file = join(dataDir, PORT_FILE);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = null;
  }
  // Hand-edited files may carry only the port: it is the setting, the rest is for people.
  const fields = typeof raw === 'object' && raw !== null ? (raw as { port?: unknown; since?: unknown }) : {};
  const port = fields.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${file} has no valid "port" (1-65535). It records the port this data folder's records were made under: set it back (e.g. {"port": ${DEFAULT_PORT}}), or delete the file if the folder has never been used.`);
  }
  return { port, origin: `http://127.0.0.1:${port}`, since: typeof fields.since === 'string' ? fields.since : 'unknown' };
};

export const rememberPort = (dataDir: string, port: number, now = new Date()): void => {
  const record = { port, origin: `http://127.0.0.1:${port}`, since: now.toISOString() };
  writeFileAtomic(join(dataDir, PORT_FILE), `${JSON.stringify(record, null, 2)}\n`);
};

export type PortChoice = { port: number; remember: boolean } | { refused: string };

/**
 * Which port to listen on. `requested`: --port or COUNTERSIGN_PORT (undefined when neither);
 * `changePort`: the user asked to move this data folder to the requested port.
 */
export const choosePort = (opts: { requested: number | undefined; record: PortRecord | null; changePort: boolean }): PortChoice => {
  const { requested, record } = opts;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 65535)) return { refused: `"${String(requested)}" is not a port number (1-65535, or 0 for a free port in tests).` };
  if (requested === 0) return { port: 0, remember: false };
  if (!record) return { port: requested ?? DEFAULT_PORT, remember: true };
  if (requested === undefined || requested === record.port) return { port: record.port, remember: false };
  if (opts.changePort) return { port: requested, remember: true };
  return { refused: portChangeRefusal(record, requested) };
};

export const portChangeRefusal = (record: PortRecord, requested: number): string =>
  [
    `Not started: this data folder's records were made at ${record.origin} (since ${record.since}), and the browser keeps them per address.`,
    `Starting on port ${requested} would open an empty console (the records would not be lost, only not shown).`,
    `- Start without --port / COUNTERSIGN_PORT to use port ${record.port}.`,
    `- If port ${record.port} is taken by another program, stop that program and start again.`,
    `- To move this data folder to port ${requested} anyway: add --change-port. The records made at ${record.origin} are shown again only when you move back (--port ${record.port} --change-port).`,
  ].join('\n');

/** The message when the port cannot be bound; `countersign` when a Countersign host answers there. */
export const portBusyMessage = (opts: { port: number; code: string; record: PortRecord | null; countersign: boolean }): string => {
  const { port, code, record } = opts;
  if (code === 'EACCES') return `Not started: this user may not listen on port ${port} (EACCES). Use a port above 1024: --port ${DEFAULT_PORT}.`;
  const head = opts.countersign
    ? `Not started: Countersign is already running at http://127.0.0.1:${port}. Use its window (or the "Open:" address it printed), or stop it (Ctrl+C in its terminal) and start again.`
    : `Not started: port ${port} on 127.0.0.1 is in use by another program (${code}).`;
  if (opts.countersign) return head;
  const fix = record
    ? `This data folder's records belong to ${record.origin}: stop the program that holds port ${port} (Linux/macOS: lsof -i :${port}; Windows: netstat -ano | findstr :${port}) and start again.`
    : `Stop that program, or start this new data folder on another port, which it then keeps: npm start -- --port ${port + 1}`;
  return `${head}\n${fix}`;
};
