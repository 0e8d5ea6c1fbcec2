import type { WebPreferences } from 'electron';

/**
 * The one set of web preferences every console window gets (RULES 16): isolated, sandboxed,
 * no Node, no webview. DevTools exist only in development: a packaged build has none, so
 * nobody at the counter can open them and edit the renderer's IndexedDB.
 */
export const secureWebPreferences = (opts: { preload: string; packaged: boolean }): WebPreferences => ({
  preload: opts.preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
  devTools: !opts.packaged,
});
