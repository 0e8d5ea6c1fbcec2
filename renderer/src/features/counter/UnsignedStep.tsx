import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PinField } from '../login/PinField';
import type { FinishUnsignedOutcome } from '../../services/counter-session';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';

/** Finishing without a signature: a confirmation, or a manager's exemption when forced signature is on. */
export const UnsignedStep = ({ mode, onFinish, onBack }: {
  mode: 'allowed' | 'manager-exemption';
  onFinish: (exemption: { pin: string; reason: string } | null) => Promise<FinishUnsignedOutcome>;
  onBack: () => void;
}) => {
  const { t } = useTranslation('counter');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const exempt = mode === 'manager-exemption';
  const { logger } = useServices();
  const submit = async (): Promise<void> => {
    const outcome = await onFinish(exempt ? { pin, reason } : null);
    if (outcome === 'wrong-pin') {
      setPin('');
      setError(t('exemption.wrongPin'));
    } else if (outcome === 'reason-required') setError(t('exemption.reasonRequired'));
  };
  return (
    <Paper sx={{ p: 3, maxWidth: 640 }} data-testid={exempt ? 'counter-exemption' : 'counter-unsigned'}>
      <Stack spacing={2}>
        <Typography variant="h5">{exempt ? t('exemption.title') : t('unsigned.title')}</Typography>
        <Typography>{exempt ? t('exemption.body') : t('unsigned.body')}</Typography>
        {exempt ? (
          <>
            <TextField label={t('exemption.reason')} value={reason} onChange={(e) => setReason(e.target.value.slice(0, 200))} slotProps={{ htmlInput: { 'data-testid': 'exemption-reason' } }} />
            <PinField label={t('exemption.pin')} value={pin} onChange={setPin} testId="exemption-pin" />
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
