import { describe, expect, it } from 'vitest';
import { PRINTER_FAILURES, PRINTER_STATUS_CODES } from '../../../../shared/ports/printer-transport';
import { printerStrings } from './i18n';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('printer strings', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(printerStrings['zh-CN']).sort()).toEqual(keys(printerStrings.en).sort());
  });

  it('name every status and failure and say what to do about it', () => {
    for (const lang of [printerStrings.en, printerStrings['zh-CN']]) {
      for (const code of [...PRINTER_STATUS_CODES, ...PRINTER_FAILURES, 'checking'] as const) {
        expect(lang.condition[code]).toBeTruthy();
        expect(lang.todo[code]).toBeTruthy();
      }
    }
  });
});
