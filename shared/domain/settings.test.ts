import { describe, expect, it } from 'vitest';
import { SettingsPatch, applySettingsPatch, defaultSettings } from './settings';

describe('settings patches', () => {
  it('carry only the fields they name (no defaults filled in by the schema)', () => {
    expect(SettingsPatch.parse({ general: { language: 'en' } })).toEqual({ general: { language: 'en' } });
    expect(SettingsPatch.parse({ offline: { allowSwiped: true } })).toEqual({ offline: { allowSwiped: true } });
  });

  it('switching the language leaves training mode and the idle lock as they were', () => {
    const live = applySettingsPatch(defaultSettings(), { general: { trainingMode: false, idleLockMinutes: 5 }, offline: { enabled: true, maxCount: 3 } });
    const next = applySettingsPatch(live, SettingsPatch.parse({ general: { language: 'en' } }));
    expect(next.general).toEqual({ language: 'en', trainingMode: false, idleLockMinutes: 5, timeZone: 'Asia/Shanghai' });
    const offline = applySettingsPatch(live, SettingsPatch.parse({ offline: { allowSwiped: true } }));
    expect(offline.offline).toMatchObject({ enabled: true, maxCount: 3, allowSwiped: true });
  });

  it('still refuses unknown fields and bad values', () => {
    expect(SettingsPatch.safeParse({ general: { trainingmode: false } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ offline: { maxCount: -1 } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ nope: {} }).success).toBe(false);
  });

  it('an older settings file without a time zone loads with Beijing time; an unknown zone is refused', () => {
    expect(defaultSettings().general.timeZone).toBe('Asia/Shanghai');
    expect(applySettingsPatch(defaultSettings(), { general: { timeZone: 'Europe/London' } }).general.timeZone).toBe('Europe/London');
    expect(SettingsPatch.safeParse({ general: { timeZone: 'Mars/Olympus' } }).success).toBe(false);
  });
});
