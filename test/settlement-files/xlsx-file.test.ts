import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTextFile, previewImport } from '../../shared/domain/reconciliation/preview';
import { ImportFileError } from '../../shared/domain/reconciliation/problems';
import { cellText, isZip, parseXlsxFile } from '../../renderer/src/services/recon/xlsx-file';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/settlement', name)));

describe('xlsx import', () => {
  it('reads the bank statement workbook to the same rows as its CSV', async () => {
    const bytes = fixture('bank-statement.xlsx');
    expect(isZip(bytes)).toBe(true);
    const xlsx = previewImport(await parseXlsxFile(bytes), null);
    const csv = previewImport(parseTextFile(fixture('bank-utf8-bom.csv')), null);
    expect(xlsx.format).toBe('xlsx');
    expect(xlsx.profile.sourceKind).toBe('bank');
    expect(xlsx.rows.map((r) => [r.at, r.amountFen, r.memo])).toEqual(csv.rows.map((r) => [r.at, r.amountFen, r.memo]));
  });

  it('a damaged workbook is refused as unreadable', async () => {
    const bytes = fixture('bank-statement.xlsx').slice(0, 600);
    await expect(parseXlsxFile(bytes)).rejects.toBeInstanceOf(ImportFileError);
    await expect(parseXlsxFile(bytes)).rejects.toMatchObject({ code: 'xlsx-unreadable' });
  });

  it('turns cells into the text a CSV would hold', () => {
    expect([cellText(593.85), cellText(12), cellText(null), cellText(new Date(Date.UTC(2026, 10, 24, 10, 30))), cellText(new Date(Date.UTC(2026, 10, 24)))]).toEqual(['593.85', '12', '', '2026-11-24 10:30:00', '2026-11-24']);
  });
});
