/** The audit log lives in data/audit-repo.ts; features import it from here. */
export { appendAudit, auditFor, auditHead, auditPage, auditTables, recentAudit, verifyChain, headForCheckpoint } from '../../data/audit-repo';
export type { AuditInput, AuditPage, AuditQuery } from '../../data/audit-repo';
