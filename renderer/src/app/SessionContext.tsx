import { createContext, useContext } from 'react';
import type { SettingsPatch } from '../../../shared/domain/settings';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import type { PublicOperator } from '../features/login/operators';
import type { AuditInput } from '../features/audit/audit-log';

export interface SessionActions {
  operator: PublicOperator | null;
  /** settings:set on the host, audited as the current operator; manager only. */
  saveSettings: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
  /** Verifies a manager's PIN for an approval (void, refund, exemption); audited. */
  approveAsManager: (pin: string) => Promise<PublicOperator | null>;
  audit: (input: Omit<AuditInput, 'actor'>) => Promise<void>;
  lock: () => void;
  logout: () => void;
}

export const SessionContext = createContext<SessionActions | null>(null);

export const useSessionActions = (): SessionActions => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionActions outside the signed-in shell');
  return value;
};
