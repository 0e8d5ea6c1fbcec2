import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactCardData } from '../../shared/domain/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON-lines log under `<data>/logs/`. Every line passes through the card-data redactor.
 * Writes are synchronous so a crash does not lose the line that explains it.
 */
export const createFileLogger = (dataDir: string, opts: { echo?: boolean } = {}): Logger & { file: string } => {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'countersign.log');
  const write = (level: LogLevel, event: string, fields: Record<string, unknown> = {}): void => {
    const line = redactCardData(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
    try {
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not take the console down; the line is lost, the sale is not.
    }
    if (opts.echo && level !== 'debug') process.stderr.write(`${line}\n`);
  };
  return {
    file,
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
};

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
