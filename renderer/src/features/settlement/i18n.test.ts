import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../../../shared/domain/reconciliation/fields';
import { MATCH_KINDS, MISMATCH_KINDS } from '../../../../shared/domain/reconciliation/match-types';
import { FILE_PROBLEMS, ROW_PROBLEMS } from '../../../../shared/domain/reconciliation/problems';
import { CASE_TYPE_FOR } from '../../services/recon/queue-rules';
import { settlementStrings } from './i18n';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('settlement strings', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(settlementStrings['zh-CN']).sort()).toEqual(keys(settlementStrings.en).sort());
  });

  it('explain every file problem, row problem, field, result and mismatch reason in both languages', () => {
    for (const lang of [settlementStrings.en, settlementStrings['zh-CN']]) {
      for (const code of FILE_PROBLEMS) expect(lang.fileErrors[code], code).toBeTruthy();
      for (const code of ROW_PROBLEMS) expect(lang.rowErrors[code], code).toBeTruthy();
      for (const f of FIELDS) expect(lang.import.fields[f], f).toBeTruthy();
      for (const k of MATCH_KINDS) expect(lang.reconcile.kinds[k] && lang.result[k], k).toBeTruthy();
      for (const k of MISMATCH_KINDS) expect(lang.reconcile.reasons[k as keyof typeof lang.reconcile.reasons], k).toBeTruthy();
      for (const c of Object.values(CASE_TYPE_FOR)) expect(lang.reconcile.caseTypes[c as keyof typeof lang.reconcile.caseTypes], c).toBeTruthy();
    }
  });
});
