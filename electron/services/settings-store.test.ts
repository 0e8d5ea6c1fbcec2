import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store';
import { silentLogger } from './logger';

const dir = () => mkdtempSync(join(tmpdir(), 'cs-settings-'));

describe('SettingsStore', () => {
  it('starts with training-mode defaults and persists a patch', () => {
    const d = dir();
    const store = new SettingsStore(d, silentLogger);
    expect(store.get().general.trainingMode).toBe(true);
    expect(store.get().acquirer.kind).toBe('simulated');
    store.set({ general: { idleLockMinutes: 5 } });
    expect(new SettingsStore(d, silentLogger).get().general.idleLockMinutes).toBe(5);
  });

  it('keeps a corrupt file aside and falls back to defaults', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), '{"general": {"idleLockMinutes": "x"');
    const store = new SettingsStore(d, silentLogger);
    expect(store.loadProblem).not.toBeNull();
    expect(store.get().general.idleLockMinutes).toBe(15);
    expect(readdirSync(d).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('brings an idle lock above 15 minutes in an older file down to 15, keeping every other setting', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ general: { idleLockMinutes: 120, trainingMode: false }, printer: { host: '10.0.0.9' } }));
    const store = new SettingsStore(d, silentLogger);
    expect(store.loadProblem).toBeNull();
    expect(store.get().general).toMatchObject({ idleLockMinutes: 15, trainingMode: false });
    expect(store.get().printer.host).toBe('10.0.0.9');
  });

  it('refuses to set the idle lock above 15 minutes (RULES 6), changing nothing', () => {
    const d = dir();
    const store = new SettingsStore(d, silentLogger);
    store.set({ general: { idleLockMinutes: 10 } });
    expect(() => store.set({ general: { idleLockMinutes: 16 } })).toThrow();
    expect(() => store.set({ general: { idleLockMinutes: 120 } })).toThrow();
    expect(store.get().general.idleLockMinutes).toBe(10);
    expect((JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8')) as { general: { idleLockMinutes: number } }).general.idleLockMinutes).toBe(10);
  });

  it('fills fields added after a file was written', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ general: { language: 'en' } }));
    const store = new SettingsStore(d, silentLogger);
    expect(store.get().general.language).toBe('en');
    expect(store.get().printer.paperWidth).toBe(80);
  });

  it('rejects an invalid patch and leaves file and memory unchanged', () => {
    const d = dir();
    const store = new SettingsStore(d, silentLogger);
    store.set({ shop: { name: 'A' } });
    const before = readFileSync(join(d, 'settings.json'), 'utf8');
    expect(() => store.set({ shop: { merchantId: 'not a merchant id!' } })).toThrow();
    expect(readFileSync(join(d, 'settings.json'), 'utf8')).toBe(before);
    expect(store.get().shop.name).toBe('A');
  });
});
