/** The console's own origin in the desktop host (served by app-protocol.ts). No Electron import, so pure modules and tests can use it. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://countersign';

/** True for the app origin itself or any URL under it (`app://countersign/...`), never for `app://countersign.evil`. */
export const isAppUrl = (url: string): boolean => url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
