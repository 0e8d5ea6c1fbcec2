import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { pinProblem } from '../../../../shared/domain/pin';
import type { ActionFailure } from '../../services/operator-session';
import { AuthFrame } from './AuthFrame';
import { PinField } from './PinField';
import { failureText } from './failure-text';

/**
 * A new PIN: required at sign-in (a 4-digit PIN from before the 6-digit rule, or one a manager
 * reset), or chosen by the operator (then the current PIN is asked too).
 */
export const PinChangePage = ({ name, required, onChange, onCancel }: { name: string; required: boolean; onChange: (newPin: string, currentPin?: string) => Promise<ActionFailure | null>; onCancel: () => void }) => {
  const { t } = useTranslation('login');
  const { logger } = useRoot();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ActionFailure | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const problem = pinProblem(pin);
    if (problem) return setError(problem);
    if (pin !== confirm) return setError('pin-mismatch');
    setBusy(true);
    const failure = await onChange(pin, required ? undefined : current);
    setBusy(false);
    if (failure) {
      setError(failure);
      setCurrent('');
    }
  };

  return (
    <AuthFrame testId="pin-change" title={t('pinChange.title')} subtitle={t(required ? 'pinChange.required' : 'pinChange.voluntary', { name })}>
      <form onSubmit={(e) => fireAndLog(logger, 'login.pin-change-failed', submit(e))} noValidate>
        <Stack spacing={2}>
          {required ? null : <PinField label={t('pinChange.current')} value={current} onChange={setCurrent} testId="pin-change-current" autoFocus />}
          <PinField label={t('pinChange.pin')} value={pin} onChange={setPin} testId="pin-change-new" autoFocus={required} />
          <PinField label={t('pinChange.pinConfirm')} value={confirm} onChange={setConfirm} testId="pin-change-confirm" />
          {error ? (
            <Alert severity="error" data-testid="pin-change-error" data-reason={typeof error === 'string' ? error : error.reason}>
              {failureText(t, error)}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" size="large" fullWidth disabled={busy} data-testid="pin-change-submit">
            {t('pinChange.submit')}
          </Button>
          <Button onClick={onCancel} data-testid="pin-change-cancel">
            {t('pinChange.cancel')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
};
