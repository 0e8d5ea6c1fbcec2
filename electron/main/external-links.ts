import type { Shell } from 'electron';
import type { Logger } from '../services/logger';

/**
 * The app's own help links: the only URLs main opens in the user's browser (`shell.openExternal`).
 * Today the console ships no external help (its help is on its own screens and in the README),
 * so the list is empty and every request is refused and logged. A help link is added here, by
 * its exact https URL, together with the screen that shows it.
 */
export const HELP_LINKS: readonly string[] = [];

/** Scheme, host and path of an https URL without credentials; null for anything else. */
const normalise = (url: string): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.origin}${parsed.pathname}${parsed.search}`;
};

/** True when `url` is exactly one of the allowed links (a `#fragment` may differ; nothing else). */
export const isHelpLink = (url: string, allowList: readonly string[] = HELP_LINKS): boolean => {
  const wanted = normalise(url);
  return wanted !== null && allowList.some((allowed) => normalise(allowed) === wanted);
};

/**
 * Opens an allowed help link in the user's browser; refuses (and logs) anything else.
 * Returns whether it opened. A failure of the OS to open the browser is logged, never thrown.
 */
export const openHelpLink = (shell: Pick<Shell, 'openExternal'>, url: string, logger: Logger, allowList: readonly string[] = HELP_LINKS): boolean => {
  if (!isHelpLink(url, allowList)) {
    logger.warn('window.external-refused', { url: url.slice(0, 200) });
    return false;
  }
  shell.openExternal(url).catch((error: unknown) => {
    logger.warn('window.external-failed', { url: url.slice(0, 200), error: error instanceof Error ? error.message : String(error) });
  });
  return true;
};
