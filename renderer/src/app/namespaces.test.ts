import { describe, expect, it } from 'vitest';
import { ROLE_REFUSALS } from '../../../shared/ipc/roles';
import type { ErrorCode } from '../../../shared/ipc/envelope';
import { namespaces } from './namespaces';
import { commonStrings } from './strings';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('strings', () => {
  it.each(Object.entries({ common: commonStrings, ...namespaces }))('%s has the same keys in Chinese and English', (_ns, strings) => {
    expect(keys(strings['zh-CN']).sort()).toEqual(keys(strings.en).sort());
  });

  it('explains every role refusal and the FORBIDDEN_ROLE code, in both languages', () => {
    const code: ErrorCode = 'FORBIDDEN_ROLE';
    for (const lang of [commonStrings.en, commonStrings['zh-CN']]) {
      expect(lang.errors[code]).toBeTruthy();
      for (const reason of ROLE_REFUSALS) expect(lang.roleRefused[reason]).toBeTruthy();
    }
  });
});
