import { useMemo } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import { appendAudit } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';
import type { PublicOperator } from '../data/operators-repo';
import { auditSettingsChange, linkChangeBlockers } from '../services/settings-changes';
import type { SessionActions } from '../features/session/SessionContext';

/** What signed-in screens may do as the current operator; every change is audited. */
export const useSessionActionsValue = (
  db: CountersignDb,
  current: PublicOperator | null,
  settings: Settings,
  update: (patch: SettingsPatch) => Promise<EnvelopeError | null>,
  lock: () => void,
  logout: () => void,
): SessionActions =>
  useMemo<SessionActions>(
    () => ({
      operator: current,
      saveSettings: async (patch) => {
        if (!current) return { code: 'FORBIDDEN_SENDER', message: 'not signed in' };
        if (current.role !== 'manager') return { code: 'FORBIDDEN_SENDER', message: 'manager role needed' };
        const blockers = await linkChangeBlockers(db, settings, patch);
        if (blockers > 0) {
          await auditSettingsChange(db, current.id, patch, 'fail', 'link-busy');
          return { code: 'CONFLICT', message: `${blockers} sales taken on the live card host are still queued or unresolved`, reason: 'link-busy' };
        }
        const problem = await update(patch);
        await auditSettingsChange(db, current.id, patch, problem ? 'fail' : 'ok', problem?.reason ?? null);
        return problem;
      },
      audit: async (input) => {
        await appendAudit(db, { ...input, actor: current?.id ?? '' });
      },
      lock,
      logout,
    }),
    [db, current, settings, update, lock, logout],
  );
