import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ApprovalPurpose } from '../../../../shared/ipc/commands/auth';
import { useServices } from '../session/ServicesContext';
import { useSessionActions } from '../session/SessionContext';
import { fireAndLog } from '../../services/logger';
import type { ActionFailure } from '../../services/operator-session';
import { ManagerApproval } from '../login/ManagerApproval';
import { failureText } from '../login/failure-text';

export type ManagerAction = 'close' | 'note' | 'dispute' | 'lock' | 'export';

const PURPOSE: Record<ManagerAction, ApprovalPurpose> = {
  close: 'settlement-close',
  note: 'settlement-note',
  dispute: 'settlement-dispute',
  lock: 'settlement-lock',
  export: 'settlement-export',
};

/** What the approving manager is: who main checked, and the one-time grant it gave (the close hands it to main). */
export interface ManagerApproved {
  managerId: string;
  grantId: string;
}

/**
 * The counter's manager approval, as voids, refunds and exemptions take it: the manager is named
 * and main checks that manager's PIN (with its back-off), granting this purpose once. The
 * screen's role check only decides what is shown; main enforces roles for every command.
 */
export const ManagerPinDialog = ({ action, onApproved, onClose }: { action: ManagerAction; onApproved: (approved: ManagerApproved) => void; onClose: () => void }) => {
  const { t } = useTranslation('settlement');
  const { t: tl } = useTranslation('login');
  const services = useServices();
  // The approving manager is named (main checks that manager's PIN, never every manager's).
  const managers = useSessionActions().operators.filter((o) => o.role === 'manager' && !o.disabled);
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    if (!managerId) return setFailure({ reason: 'no-manager', retryAfterMs: null });
    setBusy(true);
    const r = await services.approveAsManager(managerId, pin, PURPOSE[action], null);
    setBusy(false);
    if (!r.ok) {
      setPin('');
      setFailure({ reason: r.reason, retryAfterMs: r.retryAfterMs });
      return;
    }
    onApproved({ managerId: r.manager.id, grantId: r.grantId });
  };
  return (
    <Dialog open onClose={onClose} data-testid="manager-pin-dialog">
      <DialogTitle>{t('pin.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1, minWidth: 360 }}>
          <Typography>{t('pin.body', { action: t(`pinAction.${action}`) })}</Typography>
          <ManagerApproval managers={managers} managerId={managerId} pin={pin} onManager={setManagerId} onPin={setPin} testId="manager" />
          {failure ? (
            <Alert severity="error" data-testid="manager-pin-wrong" data-reason={failure.reason}>
              {failureText(tl, failure)} {t('pin.nothingDone')}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('pin.cancel')}</Button>
        <Button variant="contained" disabled={busy || pin.length < 4 || !managerId} onClick={() => fireAndLog(services.logger, 'settlement.manager-pin-failed', submit())} data-testid="manager-pin-approve">
          {t('pin.approve')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
