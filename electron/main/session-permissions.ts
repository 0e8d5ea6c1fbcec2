import type { Session } from 'electron';
import type { Logger } from '../services/logger';
import { isAppUrl } from './app-origin';

/**
 * The web-platform permissions the console's own pages use, and nothing else (RULES 16).
 * `persistent-storage`: the renderer asks `navigator.storage.persist()` at first run so
 * IndexedDB (the system of record) is not evicted, and shows the answer on About.
 * Card readers and printers are opened by main (node-hid, usb, serialport), never through
 * WebHID, WebUSB or WebSerial, so `hid`, `usb` and `serial` are denied like the rest.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage']);

/** One rule for requests and checks: an allowed permission, asked by the console's own origin. */
export const permissionAllowed = (permission: string, origin: string): boolean => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin);

/** The part of Electron's `Session` this module drives (tests hand in a fake). */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: { deviceType: string; origin: string }) => boolean) | null): void;
}

// Compile-time proof that the real Session fits the narrow interface above.
const _sessionFits = (ses: Session): PermissionSession => ses;
void _sessionFits;

/** Installs the deny-by-default handlers on a session (the desktop host's default session). */
export const hardenSessionPermissions = (ses: PermissionSession, logger: Logger): void => {
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = permissionAllowed(permission, details.requestingUrl);
    if (!granted) logger.warn('permission.denied', { permission, origin: originOf(details.requestingUrl) });
    callback(granted);
  });
  // Chromium checks permissions often (page load, API probes); denials are expected, so only debug.
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    const granted = permissionAllowed(permission, requestingOrigin);
    if (!granted) logger.debug('permission.check-denied', { permission, origin: originOf(requestingOrigin) });
    return granted;
  });
  ses.setDevicePermissionHandler((details) => {
    logger.warn('permission.device-denied', { deviceType: details.deviceType, origin: originOf(details.origin) });
    return false;
  });
};

/** Scheme and host only, for the log: a page URL's path or query is none of the log's business. */
const originOf = (url: string): string => {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return (match?.[0] ?? url).slice(0, 120);
};
