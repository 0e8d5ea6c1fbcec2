import { useMemo } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import type { CountersignDb } from '../data/db';
import type { Logger } from '../services/logger';
import { fireAndLog } from '../services/logger';
import type { OperatorSession, SessionSnapshot } from '../services/operator-session';
import { auditSettingsChange, linkChangeBlockers } from '../services/settings-changes';
import type { SessionActions } from '../features/session/SessionContext';

/**
 * The signed-in screens' actions, over the session service; main checks and journals each. The
 * one check main cannot make (it cannot read IndexedDB) is made here first: a settings change that
 * would move live money to another link while such sales wait (settings-changes.ts).
 */
export const useSessionActionsValue = (
  session: OperatorSession,
  snapshot: SessionSnapshot,
  deps: { db: CountersignDb; logger: Logger; settings: Settings; update: (patch: SettingsPatch) => Promise<EnvelopeError | null> },
): SessionActions => {
  const { db, logger, settings, update } = deps;
  return useMemo<SessionActions>(
    () => ({
      operator: snapshot.phase === 'active' ? snapshot.operator : null,
      operators: snapshot.operators,
      saveSettings: async (patch) => {
        const blockers = await linkChangeBlockers(db, settings, patch);
        if (blockers > 0) {
          // Refused here, before main sees it: recorded here, in the same shape main journals settings in.
          await auditSettingsChange(db, snapshot.operator?.id ?? '', patch, 'fail', 'link-busy');
          return { code: 'CONFLICT', message: `${blockers} sales taken on the live card host are still queued or unresolved`, reason: 'link-busy' };
        }
        return update(patch);
      },
      approveAsManager: (managerId, pin, purpose, saleId) => session.approveAsManager(managerId, pin, purpose, saleId),
      addOperator: (name, pin, role) => session.addOperator(name, pin, role),
      setOperatorDisabled: (id, disabled) => session.setDisabled(id, disabled),
      resetOperatorPin: (id, pin) => session.resetPin(id, pin),
      changeOwnPin: (newPin, currentPin) => session.changePin(newPin, currentPin),
      lock: () => fireAndLog(logger, 'session.lock-failed', session.lock()),
      logout: () => fireAndLog(logger, 'session.sign-out-failed', session.signOut()),
      auditJobError: snapshot.auditJobError,
    }),
    [session, snapshot.phase, snapshot.operator, snapshot.operators, snapshot.auditJobError, update, db, logger, settings],
  );
};
