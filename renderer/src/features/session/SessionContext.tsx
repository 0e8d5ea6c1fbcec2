import { createContext, useContext } from 'react';
import type { SettingsPatch } from '../../../../shared/domain/settings';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import type { AuditInput } from '../../data/audit-repo';
import type { PublicOperator } from '../../data/operators-repo';

export interface SessionActions {
  operator: PublicOperator | null;
  /**
   * settings:set on the host, audited as the current operator; manager only. Refused (CONFLICT,
   * reason `link-busy`) when the change would move the console to another card host (training on
   * or off, another host) while sales taken on a live host are queued or unresolved.
   */
  saveSettings: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
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
