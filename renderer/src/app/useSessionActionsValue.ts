import { useMemo } from 'react';
import type { SettingsPatch } from '../../../shared/domain/settings';
import type { EnvelopeError } from '../../../shared/ipc/envelope';
import { getDb } from '../data/db';
import { appendAudit } from '../features/audit/audit-log';
import { approveWithManagerPin } from '../features/login/operators';
import type { PublicOperator } from '../features/login/operators';
import type { SessionActions } from './SessionContext';

/** What signed-in screens may do as the current operator; every change is audited. */
export const useSessionActionsValue = (
  current: PublicOperator | null,
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
        const problem = await update(patch);
        await appendAudit(getDb(), {
          actor: current.id,
          action: 'settings.change',
          objectType: 'settings',
          objectId: Object.keys(patch).join(','),
          result: problem ? 'fail' : 'ok',
          detail: { patch },
        });
        return problem;
      },
      approveAsManager: (pin) => approveWithManagerPin(getDb(), pin, current?.id ?? '', 'approval'),
      audit: async (input) => {
        await appendAudit(getDb(), { ...input, actor: current?.id ?? '' });
      },
      lock,
      logout,
    }),
    [current, update, lock, logout],
  );
