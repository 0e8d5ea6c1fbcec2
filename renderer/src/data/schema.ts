/**
 * Dexie store definitions per schema version. Never edit a shipped version: add a new entry
 * with the changed stores and, if data must move, an upgrade function in migrations.ts.
 * Index notes: the live list pages by [state+createdAt], [signatureState+createdAt] and
 * createdAt; search uses last4, amountFen, authCode, rrn, reference; the duplicate guard uses
 * [fingerprint+createdAt].
 */
export const SCHEMA_V1 = {
  sales:
    'id, createdAt, state, signatureState, last4, amountFen, authCode, rrn, reference, originalSaleId, followUp, [kind+createdAt], ' +
    '[state+createdAt], [signatureState+createdAt], [last4+createdAt], [amountFen+createdAt], [fingerprint+createdAt], [followUp+createdAt]',
  signatures: 'id, saleId, [saleId+createdAt], kind, createdAt',
  printJobs: 'id, saleId, state, createdAt, [saleId+createdAt], [state+createdAt]',
  audit: 'seq, &id, at, action, objectId, [objectId+seq]',
  cases: 'id, saleId, type, state, dueAt, createdAt',
  attachments: 'id, ownerId, createdAt',
  settings: 'key',
  operators: 'id, &name, role',
  counters: 'key',
} as const;

/**
 * Schema 3: signed checkpoints of the audit log, and operators' PIN hashes from schema 1 held
 * until main has taken them over (`operators` keeps id, name, role and disabled for display).
 */
export const SCHEMA_V3_CHANGES = {
  auditCheckpoints: 'size',
  operatorImport: 'id',
} as const;

/**
 * Version 4, issue 16 (end of day and reconciliation): new stores only; the others are unchanged.
 * totals: running totals by [scope+scopeId] (a day or a batch); batches by number; reports by
 * kind and time or scope; reconciliation sources by heading signature, imports by file hash,
 * imported rows by [side+day] only (100,000-row imports: every index costs), results by [day+kind], explanations by item key, locked days.
 */
export const SCHEMA_EOD = {
  totals: 'key, [scope+scopeId]',
  batches: 'batch, closedAt',
  reports: 'id, [kind+createdAt], [kind+scopeId]',
  reconSources: 'id, kind, signature',
  reconImports: 'id, &sha256, sourceId, importedAt',
  reconRows: 'id, [side+day]',
  reconResults: 'key, [day+kind], day',
  reconExplanations: 'id, itemKey, day',
  reconDays: 'day',
} as const;

/**
 * Version 7, issue 15 (dispute cases): a case lists its sales (`*saleIds`, multi-entry) and has a
 * status; open cases are read by due date ([state+dueAt]) for the cases screen and the app-bar badge.
 * Case events (notes, contacts, actions) by case and time.
 */
export const SCHEMA_CASES = {
  cases: 'id, saleId, *saleIds, type, state, status, dueAt, createdAt, [state+dueAt]',
  caseEvents: 'id, caseId, [caseId+at]',
} as const;
