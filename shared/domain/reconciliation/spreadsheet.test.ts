import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetText, int, money, text, toCsv } from './spreadsheet';

describe('spreadsheet exports', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    expect(['=HYPERLINK("x")', '+86 138', '-张三', '@SUM(A1)', '\tx', '\rx', '张三', '12.30'].map(escapeSpreadsheetText)).toEqual(["'=HYPERLINK(\"x\")", "'+86 138", "'-张三", "'@SUM(A1)", "'\tx", "'\rx", '张三', '12.30']);
  });

  it('writes CSV with a BOM, quoted fields, money from fen and negative amounts as numbers', () => {
    const csv = toCsv({ name: 's', header: ['摘要', '金额', '笔数'], rows: [[text('=1+1'), money(-1_234_56), int(3)], [text('a,"b"'), money(5), null]] });
    expect(csv).toBe('\uFEFF摘要,金额,笔数\r\n\'=1+1,-1234.56,3\r\n"a,""b""",0.05,\r\n');
  });
});
