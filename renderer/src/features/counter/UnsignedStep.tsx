import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { FinishUnsignedOutcome } from '../../services/counter-session';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { ManagerApproval } from '../login/ManagerApproval';
import type { ManagerChoice } from '../login/ManagerApproval';
import { failureText } from '../login/failure-text';

/** Finishing without a signature: a confirmation, or a named manager's exemption when forced signature is on. */
export const UnsignedStep = ({ mode, managers, onFinish, onBack }: {
  mode: 'allowed' | 'manager-exemption';
  managers: ManagerChoice[];
  onFinish: (exemption: { managerId: string; pin: string; reason: string } | null) => Promise<FinishUnsignedOutcome>;
  onBack: () => void;
}) => {
  const { t } = useTranslation('counter');
  const { t: tl } = useTranslation('login');
  const [reason, setReason] = useState('');
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const exempt = mode === 'manager-exemption';
  const { logger } = useServices();
  const submit = async (): Promise<void> => {
    if (exempt && !managerId) return setError(failureText(tl, 'no-manager'));
    const outcome = await onFinish(exempt ? { managerId, pin, reason } : null);
    if (outcome === 'reason-required') setError(t('exemption.reasonRequired'));
    // 'busy' and 'failed' are the counter's own (it shows why); a refusal is main's, with its reason.
    else if (outcome !== 'ok' && outcome !== 'busy' && outcome !== 'failed') {
      setPin('');
      setError(outcome.reason === 'wrong-pin' ? t('exemption.wrongPin') : failureText(tl, outcome));
    }
  };
  return (
    <Paper sx={{ p: 3, maxWidth: 640 }} data-testid={exempt ? 'counter-exemption' : 'counter-unsigned'}>
      <Stack spacing={2}>
        <Typography variant="h5">{exempt ? t('exemption.title') : t('unsigned.title')}</Typography>
        <Typography>{exempt ? t('exemption.body') : t('unsigned.body')}</Typography>
        {exempt ? (
          <>
            <TextField label={t('exemption.reason')} value={reason} onChange={(e) => setReason(e.target.value.slice(0, 200))} slotProps={{ htmlInput: { 'data-testid': 'exemption-reason' } }} />
            <ManagerApproval managers={managers} managerId={managerId} pin={pin} onManager={setManagerId} onPin={setPin} testId="exemption" />
          </>
        ) : null}
        {error ? (
          <Alert severity="error" data-testid="exemption-error">
            {error}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" size="large" onClick={onBack} data-testid="unsigned-back">
            {t('exemption.back')}
          </Button>
          <Button variant="contained" color="warning" size="large" onClick={() => fireAndLog(logger, 'counter.finish-unsigned-failed', submit())} data-testid="unsigned-finish">
            {exempt ? t('exemption.approve') : t('unsigned.confirm')}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
};
