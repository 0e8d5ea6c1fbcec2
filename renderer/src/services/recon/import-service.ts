import { sha256Hex } from '../../../../shared/domain/hash';
import { uuidv7 } from '../../../../shared/domain/ids';
import { fingerprints } from '../../../../shared/domain/reconciliation/fingerprint';
import type { Field, SourceKind } from '../../../../shared/domain/reconciliation/fields';
import { headerSignature } from '../../../../shared/domain/reconciliation/fields';
import { parseTextFile, previewImport } from '../../../../shared/domain/reconciliation/preview';
import type { ImportPreview, ParsedFile } from '../../../../shared/domain/reconciliation/preview';
import { ImportFileError } from '../../../../shared/domain/reconciliation/problems';
import { withColumns } from '../../../../shared/domain/reconciliation/profile';
import type { MappingProfile } from '../../../../shared/domain/reconciliation/profile';
import { splitTable } from '../../../../shared/domain/reconciliation/table';
import type { CountersignDb } from '../../data/db';
import { ImportConflict, importByHash, knownFingerprints, listImports, listSources, sourceForSignature, storeImport } from '../../data/recon-repo';
import type { ReconImportRecord, ReconRowRecord, ReconSourceRecord } from '../../data/records-eod';
import { Observable, yieldToPaint } from '../observable';
import type { ServiceError } from '../observable';
import { isZip, parseXlsxFile } from './xlsx-file';

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'storing' | 'done' | 'failed';

export interface ImportSnapshot {
  phase: ImportPhase;
  fileName: string | null;
  /** Rows stored so far and in all (while storing). */
  progress: { done: number; total: number } | null;
  preview: ImportPreview | null;
  /** The source this file's headings belong to (its saved mapping applies), or null for a new one. */
  source: ReconSourceRecord | null;
  sourceName: string;
  /** Set when the same file was imported before: nothing is added. */
  duplicateOf: ReconImportRecord | null;
  result: { rows: number; added: number; skipped: number } | null;
  error: ServiceError | null;
  /** Files imported so far, newest first, with their source's name. */
  history: Array<ReconImportRecord & { sourceName: string }>;
}

const EMPTY: ImportSnapshot = { phase: 'idle', fileName: null, progress: null, preview: null, source: null, sourceName: '', duplicateOf: null, result: null, error: null, history: [] };

const fileError = (e: unknown): ServiceError => {
  if (e instanceof ImportFileError) return { code: e.code, row: e.row, column: e.column, detail: { ...e.detail } };
  if (e instanceof ImportConflict) return { code: e.reason, detail: { what: e.detail } };
  return { code: 'INTERNAL', detail: { message: e instanceof Error ? e.message : String(e) } };
};

/**
 * Imports an acquirer settlement file or a bank statement: the file is read and previewed with
 * every row's problems under a mapping (the saved one for these headings, or a guess the user
 * corrects), then stored all or nothing. The same file twice adds nothing (its SHA-256 is kept),
 * and rows another file already brought are skipped (row fingerprints).
 */
export class ImportService extends Observable<ImportSnapshot> {
  private parsed: ParsedFile | null = null;
  private sha256 = '';

  constructor(private readonly db: CountersignDb, private readonly now: () => number = Date.now) {
    super(EMPTY);
  }

  reset(): void {
    this.parsed = null;
    this.set({ ...EMPTY, history: this.getSnapshot().history });
  }

  async refreshHistory(): Promise<void> {
    const [imports, sources] = await Promise.all([listImports(this.db, 30), listSources(this.db)]);
    const names = new Map(sources.map((x) => [x.id, x.name]));
    this.set({ history: imports.map((i) => ({ ...i, sourceName: names.get(i.sourceId) ?? '' })) });
  }

  /** Reads a file and shows its preview; a file that cannot be imported at all ends in 'failed' with where. */
  async open(file: { name: string; bytes: Uint8Array }): Promise<void> {
    this.parsed = null;
    this.set({ ...EMPTY, history: this.getSnapshot().history, phase: 'reading', fileName: file.name });
    await yieldToPaint();
    try {
      this.sha256 = sha256Hex(file.bytes);
      const earlier = await importByHash(this.db, this.sha256);
      if (earlier) {
        this.set({ phase: 'failed', duplicateOf: earlier, error: { code: 'already-imported' } });
        return;
      }
      this.parsed = isZip(file.bytes) ? await parseXlsxFile(file.bytes) : parseTextFile(file.bytes);
      const table = splitTable(this.parsed.rows);
      const source = await sourceForSignature(this.db, headerSignature(table.header.cells.map((c) => c.trim())));
      const preview = previewImport(this.parsed, source?.profile ?? null, null, this.now());
      this.set({ phase: 'preview', preview, source, sourceName: source?.name ?? defaultName(file.name) });
    } catch (e) {
      this.set({ phase: 'failed', error: fileError(e) });
    }
  }

  /** A corrected mapping from the screen: the preview is read again under it. */
  remap(change: { columns?: Partial<Record<Field, number>>; amountUnit?: MappingProfile['amountUnit']; amountMode?: MappingProfile['amountMode']; sourceKind?: SourceKind }): void {
    const current = this.getSnapshot().preview;
    if (!this.parsed || !current) return;
    const edited = withColumns({ ...current.profile, ...(change.amountUnit ? { amountUnit: change.amountUnit } : {}), ...(change.amountMode ? { amountMode: change.amountMode } : {}), ...(change.sourceKind ? { sourceKind: change.sourceKind } : {}) }, change.columns ?? current.profile.columns);
    try {
      this.set({ preview: previewImport(this.parsed, null, edited, this.now()), error: null });
    } catch (e) {
      this.set({ error: fileError(e) });
    }
  }

  setSourceName(name: string): void {
    this.set({ sourceName: name.slice(0, 60) });
  }

  /** Stores every row (all or nothing) and saves the confirmed mapping for this source. */
  async confirm(operatorId: string): Promise<void> {
    const s = this.getSnapshot();
    const p = s.preview;
    if (!p || s.phase !== 'preview' || p.errors > 0) return;
    const now = this.now();
    const side = p.profile.sourceKind;
    const prints = fingerprints(side, p.rows);
    this.set({ phase: 'storing', progress: { done: 0, total: p.rows.length }, error: null });
    await yieldToPaint();
    try {
      const known = await knownFingerprints(this.db, side, p.days);
      const importId = uuidv7(now);
      const source: ReconSourceRecord = s.source
        ? { ...s.source, name: s.sourceName.trim() || s.source.name, kind: side, profile: p.profile, signature: p.profile.signature, updatedAt: now }
        : { id: uuidv7(now), name: s.sourceName.trim() || defaultName(s.fileName ?? ''), kind: side, profile: p.profile, signature: p.profile.signature, createdAt: now, updatedAt: now };
      const rows: ReconRowRecord[] = [];
      p.rows.forEach(({ raw: _raw, ...r }, i) => {
        const fingerprint = prints[i] ?? '';
        // Ids from the import's UUIDv7 and the row's place: unique everywhere, and cheap for 100,000 rows.
        if (!known.has(fingerprint)) rows.push({ ...r, id: `${importId}:${i}`, importId, sourceId: source.id, side, fingerprint });
      });
      const record: ReconImportRecord = { id: importId, sourceId: source.id, side, fileName: s.fileName ?? '', sha256: this.sha256, format: p.format, encoding: p.encoding, rows: p.rows.length, added: rows.length, days: p.days, importedAt: now, operatorId };
      await storeImport(this.db, { source, record, rows, actor: operatorId }, (done) => this.set({ progress: { done, total: rows.length } }));
      this.set({ phase: 'done', progress: { done: rows.length, total: rows.length }, result: { rows: p.rows.length, added: rows.length, skipped: p.rows.length - rows.length } });
      await this.refreshHistory();
    } catch (e) {
      this.set({ phase: 'failed', progress: null, error: fileError(e) });
    }
  }
}

/** A new source is named after its first file until the user names it. */
const defaultName = (fileName: string): string => fileName.replace(/\.[^.]+$/, '').slice(0, 60);
