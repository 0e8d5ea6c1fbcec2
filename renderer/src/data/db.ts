import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type {
  AttachmentRecord,
  AuditEntry,
  CheckpointRecord,
  CounterRecord,
  LegacyOperatorRecord,
  CaseEventRecord,
  DisputeCaseRecord,
  OperatorRecord,
  PrintJobRecord,
  SaleRecord,
  SettingRecord,
  SignatureRecord,
} from './records';
import type {
  BatchRecord,
  ReconDayRecord,
  ReconExplanationRecord,
  ReconImportRecord,
  ReconResultRecord,
  ReconRowRecord,
  ReconSourceRecord,
  ReportRecord,
  TotalRecord,
} from './records-eod';
import { applyMigrations } from './migrations';

export const DB_NAME = 'countersign';

/**
 * The system of record. Only repositories in this folder touch it (lint enforces it). The entry
 * point (main.tsx) opens the app's one instance and passes it down; tests open their own.
 */
export class CountersignDb extends Dexie {
  sales!: EntityTable<SaleRecord, 'id'>;
  signatures!: EntityTable<SignatureRecord, 'id'>;
  printJobs!: EntityTable<PrintJobRecord, 'id'>;
  audit!: EntityTable<AuditEntry, 'seq'>;
  cases!: EntityTable<DisputeCaseRecord, 'id'>;
  caseEvents!: EntityTable<CaseEventRecord, 'id'>;
  attachments!: EntityTable<AttachmentRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  operators!: EntityTable<OperatorRecord, 'id'>;
  counters!: EntityTable<CounterRecord, 'key'>;
  auditCheckpoints!: EntityTable<CheckpointRecord, 'size'>;
  operatorImport!: EntityTable<LegacyOperatorRecord, 'id'>;
  totals!: EntityTable<TotalRecord, 'key'>;
  batches!: EntityTable<BatchRecord, 'batch'>;
  reports!: EntityTable<ReportRecord, 'id'>;
  reconSources!: EntityTable<ReconSourceRecord, 'id'>;
  reconImports!: EntityTable<ReconImportRecord, 'id'>;
  reconRows!: EntityTable<ReconRowRecord, 'id'>;
  reconResults!: EntityTable<ReconResultRecord, 'key'>;
  reconExplanations!: EntityTable<ReconExplanationRecord, 'id'>;
  reconDays!: EntityTable<ReconDayRecord, 'day'>;

  /** `relaxed` only for bulk imports and benchmark seeding; money records are written strict. */
  constructor(name: string = DB_NAME, durability: 'strict' | 'relaxed' = 'strict') {
    // Money records must survive a power cut: Chromium defaults IndexedDB to relaxed durability.
    super(name, { chromeTransactionDurability: durability });
    applyMigrations(this);
  }
}

