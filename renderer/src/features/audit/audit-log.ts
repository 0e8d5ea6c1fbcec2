/** The audit log lives in data/audit-repo.ts; features import it from here. */
export { appendAudit, auditFor, auditHead, auditTables, recentAudit, verifyChain } from '../../data/audit-repo';
export type { AuditInput } from '../../data/audit-repo';
