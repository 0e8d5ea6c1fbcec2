import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/domain/settings';
import { SETTING_GROUPS } from './fields';
import { changedValues, fieldOfError } from './field-values';

const general = defaultSettings().general as unknown as Record<string, unknown>;

describe('a settings group saves only what was edited here', () => {
  it('nothing edited, or edited back to the stored value: nothing to send', () => {
    expect(changedValues(SETTING_GROUPS.general, general, {})).toEqual({});
    expect(changedValues(SETTING_GROUPS.general, general, { idleLockMinutes: '15', trainingMode: true })).toEqual({});
  });

  it('a language changed elsewhere meanwhile is not sent back by saving the idle lock', () => {
    const now = { ...general, language: 'en' };
    expect(changedValues(SETTING_GROUPS.general, now, { idleLockMinutes: '5' })).toEqual({ idleLockMinutes: 5 });
  });

  it('sends the time zone and money as stored values; bad numbers go to the host to be refused', () => {
    expect(changedValues(SETTING_GROUPS.general, general, { timeZone: 'Europe/London' })).toEqual({ timeZone: 'Europe/London' });
    const offline = defaultSettings().offline as unknown as Record<string, unknown>;
    expect(changedValues(SETTING_GROUPS.offline, offline, { maxAmountFen: '800.50' })).toEqual({ maxAmountFen: 80050 });
    expect(changedValues(SETTING_GROUPS.general, general, { idleLockMinutes: 'soon' }).idleLockMinutes).toBeNaN();
  });

  it("names the group's field a host error points at", () => {
    expect(fieldOfError(SETTING_GROUPS.general, 'patch.general.idleLockMinutes')).toBe('idleLockMinutes');
    expect(fieldOfError(SETTING_GROUPS.shop, 'patch.general.idleLockMinutes')).toBeNull();
  });
});
