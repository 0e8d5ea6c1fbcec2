import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsLoadError, SettingsStore } from './settings-store';
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

  it('a fresh data folder is a first run: training-mode defaults, written at once so a later start finds them', () => {
    const d = dir();
    expect(new SettingsStore(d, silentLogger).get().general.trainingMode).toBe(true);
    expect(JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8'))).toMatchObject({ general: { trainingMode: true } });
  });

  it('a damaged file stops the start with a clear message and is kept exactly as it was (no fallback to training)', () => {
    const d = dir();
    const damaged = '{"general": {"trainingMode": false, "idleLockMinutes": "x"';
    writeFileSync(join(d, 'settings.json'), damaged);
    expect(() => new SettingsStore(d, silentLogger)).toThrow(SettingsLoadError);
    expect(() => new SettingsStore(d, silentLogger)).toThrow(/settings\.json is damaged .*left as it is.*已损坏/s);
    expect(readFileSync(join(d, 'settings.json'), 'utf8')).toBe(damaged);
    expect(readdirSync(d).filter((f) => f.startsWith('settings'))).toEqual(['settings.json']);
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ general: { idleLockMinutes: 'x' } }));
    expect(() => new SettingsStore(d, silentLogger)).toThrow(/general\.idleLockMinutes/);
  });

  it('a missing file in a folder an earlier run used stops the start instead of starting over in training', () => {
    const d = dir();
    new SettingsStore(d, silentLogger).set({ general: { trainingMode: false } });
    writeFileSync(join(d, 'acquirer-state.json'), '{}');
    rmSync(join(d, 'settings.json'));
    expect(() => new SettingsStore(d, silentLogger)).toThrow(/settings\.json is missing.*acquirer-state\.json/s);
    expect(readdirSync(d)).not.toContain('settings.json');
    const other = dir();
    mkdirSync(join(other, 'keys'));
    expect(() => new SettingsStore(other, silentLogger)).toThrow(SettingsLoadError);
  });

  it('brings an idle lock above 15 minutes in an older file down to 15, keeping every other setting', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ general: { idleLockMinutes: 120, trainingMode: false }, printer: { host: '10.0.0.9' } }));
    // Loads without refusing the file (a damaged file throws, see above).
    const store = new SettingsStore(d, silentLogger);
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
