import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../shared/domain/reconciliation/encoding';
import { parseTextFile, previewImport } from '../../shared/domain/reconciliation/preview';
import { ImportFileError } from '../../shared/domain/reconciliation/problems';
import type { FileProblemCode } from '../../shared/domain/reconciliation/problems';

/** The committed fixtures (generate.ts) read as the import reads them. */
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settlement', name)));
const preview = (name: string) => previewImport(parseTextFile(fixture(name)), null, null, Date.UTC(2026, 10, 24));
const refused = (name: string): ImportFileError => {
  try {
    preview(name);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error(`${name} was not refused`);
};

describe('encoding detection on the settlement fixtures', () => {
  it.each([
    ['unionpay-fixed-width.txt', 'gb18030', false],
    ['acquirer-gbk.csv', 'gb18030', false],
    ['bank-utf8-bom.csv', 'utf-8', true],
    ['bank-utf16le.txt', 'utf-16le', true],
    ['acquirer-utf16be-nobom.csv', 'utf-16be', false],
    ['wrong-column.csv', 'utf-8', false],
  ] as const)('%s is %s (BOM %s)', (name, encoding, bom) => {
    const d = decodeText(fixture(name));
    expect(d.encoding).toBe(encoding);
    expect(d.bom).toBe(bom);
    expect(d.text).toContain('交易日期');
  });

  it('a GBK file cut inside its last character is refused as truncated, naming the last row', () => {
    const e = refused('truncated-gbk.csv');
    expect(e.code).toBe<FileProblemCode>('truncated-character');
    expect(e.row).toBe(10);
  });
});

describe('the three layouts read through a guessed mapping', () => {
  it('UnionPay fixed-width: title block skipped, fen amounts, voids and refunds negative, 合计 checked', () => {
    const p = preview('unionpay-fixed-width.txt');
    expect(p.format).toBe('fixed');
    expect(p.encoding).toBe('GBK/GB18030');
    expect(p.profile.sourceKind).toBe('acquirer');
    expect(p.profile.amountUnit).toBe('fen');
    expect(p.table.titleRows.length).toBe(2);
    expect(p.table.totalRows.map((r) => r.line)).toEqual([12]);
    expect(p.errors).toBe(0);
    expect(p.rows.map((r) => [r.kind, r.amountFen])).toEqual([
      ['sale', 12_345],
      ['sale', 8_000],
      ['sale', 25_600],
      ['sale', 50_000],
      ['sale', 1_990],
      ['void', -25_600],
      ['refund', -12_000],
    ]);
    const first = p.rows[0]!;
    expect([first.day, first.terminal, first.batch, first.trace, first.rrn, first.last4, first.feeFen, first.netFen]).toEqual(['2026-11-23', '10000001', '000001', '000001', '000001000001', '1000', 74, 12_271]);
    expect(first.at).toBe(Date.UTC(2026, 10, 23, 2, 5, 0));
  });

  it('acquirer CSV in GBK: yuan with thousands separators, the footer row recognised and matching', () => {
    const p = preview('acquirer-gbk.csv');
    expect(p.format).toBe('csv');
    expect(p.profile.amountUnit).toBe('yuan');
    expect(p.table.titleRows.length).toBe(3);
    expect(p.table.totalRows.length).toBe(1);
    expect(p.rows.map((r) => r.amountFen)).toEqual([123_456, 123_456, 30_000, 7_770, 15_000]);
    expect(p.rows[0]?.last4).toBe('1000');
    expect(p.problems).toEqual([]);
  });

  it('bank CSV in UTF-8 with a BOM: separate income and expense columns become one signed amount', () => {
    const p = preview('bank-utf8-bom.csv');
    expect(p.profile.sourceKind).toBe('bank');
    expect(p.profile.amountMode).toBe('income-expense');
    expect(p.rows.map((r) => r.amountFen)).toEqual([-200_000, 59_385, 50_000]);
    expect(p.rows[1]?.memo).toBe('POS清算款 批次000001');
  });

  it('the same statement as UTF-16LE tab-separated text reads to the same rows', () => {
    expect(preview('bank-utf16le.txt').rows.map((r) => [r.day, r.amountFen])).toEqual(preview('bank-utf8-bom.csv').rows.map((r) => [r.day, r.amountFen]));
  });

  it('UTF-16BE without a BOM reads like the GBK original', () => {
    expect(preview('acquirer-utf16be-nobom.csv').rows).toEqual(preview('acquirer-gbk.csv').rows);
  });
});

describe('awkward files: every row problem named by row and column', () => {
  it('a wrong column (card numbers under the amount heading) fails each row at that column', () => {
    const p = preview('wrong-column.csv');
    const errors = p.problems.filter((x) => x.severity === 'error');
    expect(errors.map((x) => [x.row, x.column, x.code])).toEqual([5, 6, 7, 8, 9].map((row) => [row, '交易金额(元)', 'amount-invalid']));
    expect(p.rows.length).toBe(0);
  });

  it('amounts with thousands separators: good ones read, a misplaced separator is an error on its row', () => {
    const p = preview('thousands.csv');
    expect(p.rows.map((r) => r.amountFen)).toEqual([123_456, 100_000_000, 99_999]);
    expect(p.problems).toEqual([{ row: 3, column: '交易金额', code: 'amount-thousands', severity: 'error', value: '12,34.00' }]);
  });

  it('text a spreadsheet would run as a formula is imported as text with a warning', () => {
    const p = preview('formula-text.csv');
    expect(p.errors).toBe(0);
    expect(p.problems.filter((x) => x.code === 'formula-text').map((x) => [x.row, x.column])).toEqual([
      [7, '摘要'],
      [7, '对方户名'],
      [8, '摘要'],
      [8, '对方户名'],
    ]);
    expect(p.rows[3]?.memo).toBe('=HYPERLINK("http://example.invalid","退款")');
  });

  it('a file cut inside a row: that row is short and is an error naming it', () => {
    const p = preview('truncated-row.csv');
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.code])).toEqual([[9, 'missing-cells']]);
  });

  it('a footer that disagrees with the rows refuses the whole file, naming the footer row', () => {
    const e = refused('total-mismatch.csv');
    expect(e.code).toBe('total-mismatch');
    expect(e.row).toBe(9);
  });
});
