import { useState } from 'react';
import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { pinProblem } from '../../../../shared/domain/pin';
import { useSessionActions } from '../session/SessionContext';
import type { ActionFailure } from '../../services/operator-session';
import { PinField } from '../login/PinField';
import { failureText } from '../login/failure-text';

/** Any operator changes their own PIN: the current one, then the new one twice (main checks it). */
export const ChangePinPanel = () => {
  const { t } = useTranslation('about');
  const { logger } = useRoot();
  const { t: tl } = useTranslation('login');
  const { changeOwnPin } = useSessionActions();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; failure?: ActionFailure | string } | null>(null);
  const submit = async (): Promise<void> => {
    const problem = pinProblem(pin) ?? (pin !== confirm ? 'pin-mismatch' : null);
    const failure = problem ?? (await changeOwnPin(pin, current));
    setMessage(failure ? { ok: false, failure } : { ok: true });
    setCurrent('');
    if (!failure) {
      setPin('');
      setConfirm('');
    }
  };
  return (
    <Paper sx={{ p: 3 }}>
      <Stack spacing={2}>
        <Typography variant="h6">{t('myPin.title')}</Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <PinField label={tl('pinChange.current')} value={current} onChange={setCurrent} testId="my-pin-current" />
          <PinField label={tl('pinChange.pin')} value={pin} onChange={setPin} testId="my-pin-new" />
          <PinField label={tl('pinChange.pinConfirm')} value={confirm} onChange={setConfirm} testId="my-pin-confirm" />
        </Stack>
        <Button variant="outlined" onClick={() => fireAndLog(logger, 'about.submit-failed', submit())} sx={{ alignSelf: 'flex-start' }} data-testid="my-pin-submit">
          {t('myPin.change')}
        </Button>
        {message ? <Alert severity={message.ok ? 'success' : 'error'}>{message.ok ? t('myPin.done') : failureText(tl, message.failure ?? 'failed')}</Alert> : null}
      </Stack>
    </Paper>
  );
};
