import { useMemo } from 'react';
import type { SettingsPatch } from '../../../shared/domain/settings';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import type { OperatorSession, SessionSnapshot } from '../services/operator-session';
import type { SessionActions } from './SessionContext';

/** The signed-in screens' actions, over the session service; main checks and journals each. */
export const useSessionActionsValue = (session: OperatorSession, snapshot: SessionSnapshot, update: (patch: SettingsPatch) => Promise<EnvelopeError | null>): SessionActions =>
  useMemo<SessionActions>(
    () => ({
      operator: snapshot.phase === 'active' ? snapshot.operator : null,
      operators: snapshot.operators,
      saveSettings: update,
      approveAsManager: (managerId, pin, purpose, saleId) => session.approveAsManager(managerId, pin, purpose, saleId),
      addOperator: (name, pin, role) => session.addOperator(name, pin, role),
      setOperatorDisabled: (id, disabled) => session.setDisabled(id, disabled),
      resetOperatorPin: (id, pin) => session.resetPin(id, pin),
      changeOwnPin: (newPin, currentPin) => session.changePin(newPin, currentPin),
      lock: () => void session.lock(),
      logout: () => void session.signOut(),
      auditJobError: snapshot.auditJobError,
    }),
    [session, snapshot.phase, snapshot.operator, snapshot.operators, snapshot.auditJobError, update],
  );
