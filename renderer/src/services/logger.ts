import type { CountersignApi } from '../../../shared/ipc/contract';

/**
 * The renderer's logger: every line goes to main's log (`app:log`, JSON lines under the data
 * folder, through the card-data redactor). Fields are flattened to strings, numbers and booleans.
 * A line that cannot be delivered (main gone) is dropped: logging must never break the sale.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

type Plain = string | number | boolean | null;

const plain = (v: unknown): Plain => {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typeof v === 'string' ? v.slice(0, 2000) : v;
  if (v instanceof Error) return `${v.name}: ${v.message}`.slice(0, 2000);
  try {
    return (JSON.stringify(v) ?? typeof v).slice(0, 2000);
  } catch {
    return typeof v;
  }
};

const flatten = (fields: Record<string, unknown>): Record<string, Plain> =>
  Object.fromEntries(
    Object.entries(fields)
      .slice(0, 20)
      .map(([k, v]) => [k.slice(0, 40), plain(v)]),
  );

const eventName = (event: string): string => event.toLowerCase().replace(/[^a-z0-9.:-]/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 80) || 'event';

export const createRendererLogger = (api: Pick<CountersignApi, 'invoke'>): Logger => {
  const write = (level: 'debug' | 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void => {
    api.invoke('app:log', { level, event: eventName(event), fields: flatten(fields) }).catch(() => undefined);
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
};

/**
 * The one way to start work nobody waits for (a click handler's promise, a background refresh):
 * its failure is logged, never lost. Everything else is awaited.
 */
export const fireAndLog = (logger: Logger, event: string, work: Promise<unknown>): void => {
  work.catch((error: unknown) => logger.error(event, { error }));
};
