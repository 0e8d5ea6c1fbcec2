import { useServices, useServiceSnapshot } from '../session/ServicesContext';
import { useSessionActions } from '../session/SessionContext';
import type { EvidenceExportStatus, EvidenceSelection } from '../../services/evidence/evidence-export';

/** The export service's status, and whether the signed-in operator may export (main checks it again). */
export const useEvidenceExport = (): { status: EvidenceExportStatus; scope: EvidenceSelection['kind'] | null; canExport: boolean } => {
  const { evidence } = useServices();
  const { status, scope } = useServiceSnapshot(evidence);
  const { operator } = useSessionActions();
  return { status, scope, canExport: operator?.role === 'manager' };
};

/** Bytes as the dialog shows them (KB/MB with one decimal). */
export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
