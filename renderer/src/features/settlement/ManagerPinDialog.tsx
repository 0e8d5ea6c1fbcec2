import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useServices } from '../session/ServicesContext';
import { fireAndLog } from '../../services/logger';
import { PinField } from '../login/PinField';

export type ManagerAction = 'close' | 'note' | 'dispute' | 'lock' | 'export';

/**
 * The counter's manager approval (the PIN path voids and refunds use): the screen's role check
 * only decides what is shown; main enforces roles for every command. Resolves with the approving
 * manager's id.
 */
export const ManagerPinDialog = ({ action, onApproved, onClose }: { action: ManagerAction; onApproved: (managerId: string) => void; onClose: () => void }) => {
  const { t } = useTranslation('settlement');
  const services = useServices();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    const manager = await services.approveAsManager(pin, `settlement.${action}`);
    setBusy(false);
    if (!manager) {
      setPin('');
      setWrong(true);
      return;
    }
    onApproved(manager.id);
  };
  return (
    <Dialog open onClose={onClose} data-testid="manager-pin-dialog">
      <DialogTitle>{t('pin.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1, minWidth: 360 }}>
          <Typography>{t('pin.body', { action: t(`pinAction.${action}`) })}</Typography>
          <PinField label={t('pin.label')} value={pin} onChange={setPin} testId="manager-pin" autoFocus />
          {wrong ? (
            <Alert severity="error" data-testid="manager-pin-wrong">
              {t('pin.wrong')}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('pin.cancel')}</Button>
        <Button variant="contained" disabled={busy || pin.length < 4} onClick={() => fireAndLog(services.logger, 'settlement.manager-pin-failed', submit())} data-testid="manager-pin-approve">
          {t('pin.approve')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
