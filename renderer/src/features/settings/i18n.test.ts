import { describe, expect, it } from 'vitest';
import { MASTER_KEY_ERROR_REASONS } from '../../../../shared/ipc/commands/acquirer';
import { settingsStrings } from './i18n';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('settings strings', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(settingsStrings['zh-CN']).sort()).toEqual(keys(settingsStrings.en).sort());
  });

  it('explain every reason a master key is refused, in both languages', () => {
    for (const lang of [settingsStrings.en, settingsStrings['zh-CN']]) {
      for (const reason of [...MASTER_KEY_ERROR_REASONS, 'managerOnly'] as const) expect(lang.masterKey.errors[reason]).toBeTruthy();
    }
  });
});
