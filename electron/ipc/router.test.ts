import { describe, expect, it, vi } from 'vitest';
import { Router } from './router';
import type { AccessGuard } from './router';
import { silentLogger } from '../services/logger';
import { CommandError } from '../../shared/ipc/envelope';
import { defaultSettings } from '../../shared/domain/settings';

const trusted = { trusted: true, label: 'test', id: 'test#1' };
const allowAll: AccessGuard = { check: () => null, refused: () => undefined };
const newRouter = (guard: AccessGuard = allowAll) => new Router(silentLogger, guard);

describe('Router', () => {
  it('refuses an untrusted sender before the handler runs', async () => {
    const router = newRouter();
    const handler = vi.fn(() => defaultSettings());
    router.handle('settings:get', handler);
    const result = await router.dispatch('settings:get', {}, { trusted: false, label: 'evil', id: 'evil#1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers UNKNOWN_COMMAND for names outside the contract', async () => {
    const router = newRouter();
    expect(await router.dispatch('shell:exec', {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await router.dispatch(42, {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('names the invalid field and never runs the handler on a bad payload', async () => {
    const router = newRouter();
    const handler = vi.fn(() => defaultSettings());
    router.handle('settings:set', handler);
    const result = await router.dispatch('settings:set', { patch: { printer: { paperWidth: 66 } } }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch.printer.paperWidth' } });
    const extra = await router.dispatch('settings:set', { patch: {}, sneaky: true }, trusted);
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('strips response fields the contract does not name', async () => {
    const router = newRouter();
    router.handle('devices:list', () => ({ devices: [], pan: '6212345678901232' }) as never);
    const result = await router.dispatch('devices:list', {}, trusted);
    expect(result).toEqual({ ok: true, value: { devices: [] } });
  });

  it('turns a CommandError into its code and reason, and anything else into INTERNAL', async () => {
    const router = newRouter();
    router.handle('settings:get', () => {
      throw new CommandError('PRINTER', 'paper out', 'paper-end');
    });
    router.handle('devices:list', () => {
      throw new Error('boom with 6212345678901232');
    });
    expect(await router.dispatch('settings:get', {}, trusted)).toEqual({ ok: false, error: { code: 'PRINTER', message: 'paper out', reason: 'paper-end' } });
    const internal = await router.dispatch('devices:list', {}, trusted);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('6212345678901232');
  });

  it('asks the guard before validating or running anything, answers FORBIDDEN_ROLE with its reason and has it recorded', async () => {
    const refused: string[] = [];
    const guard: AccessGuard = {
      check: (command) => (command === 'settings:set' ? { reason: 'manager-needed', message: 'settings:set needs a manager' } : null),
      refused: (command, sender, refusal) => refused.push(`${command} ${sender.id} ${refusal.reason}`),
    };
    const router = newRouter(guard);
    const handler = vi.fn(() => defaultSettings());
    router.handle('settings:set', handler);
    router.handle('settings:get', () => defaultSettings());
    expect(await router.dispatch('settings:set', { patch: { general: { idleLockMinutes: 120 } } }, trusted)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE', message: 'settings:set needs a manager', reason: 'manager-needed' },
    });
    expect(await router.dispatch('settings:set', 'not even an object', trusted)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(handler).not.toHaveBeenCalled();
    expect(refused).toEqual(['settings:set test#1 manager-needed', 'settings:set test#1 manager-needed']);
    expect(await router.dispatch('settings:get', {}, trusted)).toMatchObject({ ok: true });
  });

  it('refuses to register a command twice', () => {
    const router = newRouter();
    router.handle('settings:get', () => defaultSettings());
    expect(() => router.handle('settings:get', () => defaultSettings())).toThrow(/twice/);
  });
});
