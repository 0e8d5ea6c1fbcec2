import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';

describe('secure web preferences', () => {
  it('turn DevTools off in a packaged build and leave them on in development', () => {
    expect(secureWebPreferences({ preload: '/p.cjs', packaged: true }).devTools).toBe(false);
    expect(secureWebPreferences({ preload: '/p.cjs', packaged: false }).devTools).toBe(true);
  });

  it('isolate and sandbox the page with no Node and no webview (RULES 16), packaged or not', () => {
    for (const packaged of [true, false]) {
      expect(secureWebPreferences({ preload: '/p.cjs', packaged })).toMatchObject({
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
      });
    }
  });
});
