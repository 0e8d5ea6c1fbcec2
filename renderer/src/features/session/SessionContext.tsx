import { createContext, useContext } from 'react';
import type { SettingsPatch } from '../../../../shared/domain/settings';
import type { ApprovalPurpose, PublicOperator } from '../../../../shared/ipc/commands/auth';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import type { ActionFailure, ApprovalResult } from '../../services/operator-session';

/**
 * What signed-in screens may do as the current operator. Main checks the session and role of
 * every command and journals what it applies; these role checks only decide what to show.
 */
export interface SessionActions {
  operator: PublicOperator | null;
  /** Main's operator list (active and disabled). */
  operators: PublicOperator[];
  /**
   * settings:set on the host (manager only; main checks the role and journals it). Refused
   * (CONFLICT, reason `link-busy`) when the change would move the console to another card host
   * (training on or off, another host) while sales taken on a live host are queued or unresolved.
   */
  saveSettings: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
  /**
   * A named manager approves a void, refund or exemption of one sale with their PIN. The
   * grant is used once, by the command that applies it (`acquirer:authorize` with `grantId`,
   * `sale:exempt-signature`).
   */
  approveAsManager: (managerId: string, pin: string, purpose: ApprovalPurpose, saleId: string | null) => Promise<ApprovalResult>;
  addOperator: (name: string, pin: string, role: PublicOperator['role']) => Promise<ActionFailure | null>;
  setOperatorDisabled: (operatorId: string, disabled: boolean) => Promise<ActionFailure | null>;
  resetOperatorPin: (operatorId: string, pin: string) => Promise<ActionFailure | null>;
  changeOwnPin: (newPin: string, currentPin: string) => Promise<ActionFailure | null>;
  lock: () => void;
  logout: () => void;
  /** The last failure of a background audit job (journal intake, checkpoints), for the audit screen. */
  auditJobError: string | null;
}

export const SessionContext = createContext<SessionActions | null>(null);

export const useSessionActions = (): SessionActions => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionActions outside the signed-in shell');
  return value;
};
