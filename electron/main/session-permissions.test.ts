import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/fakes/recording-logger';
import { ALLOWED_PERMISSIONS, hardenSessionPermissions, permissionAllowed } from './session-permissions';
import type { PermissionSession } from './session-permissions';

type Handlers = {
  request: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
  check: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
  device: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
};

/** A fake of Electron's Session that keeps the handlers it is given. */
const fakeSession = (): PermissionSession & { handlers: Handlers } => {
  const handlers: Handlers = { request: null, check: null, device: null };
  return {
    handlers,
    setPermissionRequestHandler: (h) => (handlers.request = h),
    setPermissionCheckHandler: (h) => (handlers.check = h),
    setDevicePermissionHandler: (h) => (handlers.device = h),
  };
};

const hardened = () => {
  const ses = fakeSession();
  const logger = recordingLogger();
  hardenSessionPermissions(ses, logger);
  const { request, check, device } = ses.handlers;
  if (!request || !check || !device) throw new Error('a handler was not installed');
  const ask = (permission: string, requestingUrl: string): boolean => {
    let answer: boolean | null = null;
    request(null, permission, (granted) => (answer = granted), { requestingUrl });
    if (answer === null) throw new Error('the request handler did not answer');
    return answer;
  };
  return { ask, check: (permission: string, origin: string) => check(null, permission, origin), device, logger };
};

const APP_PAGE = 'app://countersign/index.html';

describe('session permissions', () => {
  it('allow only persistent storage, which the renderer asks for at first run', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['persistent-storage']);
    const { ask, check } = hardened();
    expect(ask('persistent-storage', APP_PAGE)).toBe(true);
    expect(check('persistent-storage', 'app://countersign')).toBe(true);
  });

  it('deny WebHID, WebUSB and WebSerial: readers and printers are opened by main, not the page', () => {
    const { ask, check, device, logger } = hardened();
    for (const permission of ['hid', 'usb', 'serial']) {
      expect(ask(permission, APP_PAGE)).toBe(false);
      expect(check(permission, 'app://countersign')).toBe(false);
    }
    expect(device({ deviceType: 'hid', origin: 'app://countersign' })).toBe(false);
    expect(device({ deviceType: 'usb', origin: 'app://countersign' })).toBe(false);
    expect(device({ deviceType: 'serial', origin: 'app://countersign' })).toBe(false);
    expect(logger.lines.filter((l) => l.event === 'permission.denied').map((l) => l.fields.permission)).toEqual(['hid', 'usb', 'serial']);
    expect(logger.events().filter((e) => e === 'permission.device-denied')).toHaveLength(3);
  });

  it('deny everything else the web platform can ask for', () => {
    const { ask, check } = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'display-capture', 'midi', 'pointerLock', 'window-management', 'unknown']) {
      expect(ask(permission, APP_PAGE)).toBe(false);
      expect(check(permission, 'app://countersign')).toBe(false);
    }
  });

  it('deny even an allowed permission to any origin but the console’s own', () => {
    const { ask, check } = hardened();
    for (const origin of ['https://example.com', 'http://127.0.0.1:5173', 'app://countersign.evil', 'app://other', 'file:///tmp/x.html', '']) {
      expect(ask('persistent-storage', `${origin}/index.html`)).toBe(false);
      expect(check('persistent-storage', origin)).toBe(false);
    }
    expect(permissionAllowed('persistent-storage', 'app://countersign/x')).toBe(true);
  });

  it('log a denied request by origin only, never the page’s path or query', () => {
    const { ask, logger } = hardened();
    ask('media', 'https://example.com/pay?pan=6212345678901232');
    const line = logger.lines.find((l) => l.event === 'permission.denied');
    expect(line?.fields).toEqual({ permission: 'media', origin: 'https://example.com' });
  });
});
