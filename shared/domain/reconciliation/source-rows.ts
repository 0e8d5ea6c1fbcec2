/**
 * A file read into rows of text cells, whatever its format (CSV, fixed-width text, XLSX), each
 * row keeping the line (or sheet row) it came from so every problem can name it.
 */
export interface SourceRow {
  /** 1-based line in the file (for a workbook, the sheet row). */
  line: number;
  cells: string[];
}

export type FileFormat = 'csv' | 'fixed' | 'xlsx';
