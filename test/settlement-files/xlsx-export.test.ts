import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { int, money, text } from '../../shared/domain/reconciliation/spreadsheet';
import { toXlsx } from '../../renderer/src/services/recon/xlsx-export';

describe('xlsx export', () => {
  it('writes text escaped (never a formula), money as numbers, one sheet per table', async () => {
    const blob = await toXlsx([
      { name: '交易', header: ['摘要', '金额', '笔数'], rows: [[text('=HYPERLINK("http://x")'), money(123_456), int(2)], [text('@SUM(A1)'), money(-500), null]] },
      { name: '对账结果/Result', header: ['结果'], rows: [[text('amount differs')]] },
    ]);
    const sheets = await readXlsxFile(await blob.arrayBuffer());
    expect(sheets.map((s) => s.sheet)).toEqual(['交易', '对账结果 Result']);
    expect(sheets[0]?.data).toEqual([
      ['摘要', '金额', '笔数'],
      ["'=HYPERLINK(\"http://x\")", 1234.56, 2],
      ["'@SUM(A1)", -5, null],
    ]);
  });
});
