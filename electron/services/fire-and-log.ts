import type { Logger } from './logger';

/**
 * The one way main starts work nobody waits for (a timer's poll, a socket's close, a window's
 * load): its failure is logged under `event`, never lost. Everything else is awaited.
 */
export const fireAndLog = (logger: Logger, event: string, work: Promise<unknown>): void => {
  work.catch((error: unknown) => logger.error(event, { error: error instanceof Error ? error.message : String(error) }));
};
