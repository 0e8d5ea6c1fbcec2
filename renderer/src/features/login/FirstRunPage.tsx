import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { pinProblem } from '../../../../shared/domain/pin';
import type { ActionFailure } from '../../services/operator-session';
import { AuthFrame } from './AuthFrame';
import { PinField } from './PinField';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { failureText } from './failure-text';

export type FirstRunSubmit = (name: string, pin: string) => Promise<ActionFailure | null>;

/** No operator exists yet: create the manager (main checks the PIN rule again). */
export const FirstRunPage = ({ onCreate, corner }: { onCreate: FirstRunSubmit; corner?: ReactNode }) => {
  const { logger } = useRoot();
  const { t } = useTranslation('login');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ActionFailure | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError('name-required');
    const problem = pinProblem(pin);
    if (problem) return setError(problem);
    if (pin !== confirm) return setError('pin-mismatch');
    setBusy(true);
    const failure = await onCreate(name.trim(), pin);
    setBusy(false);
    setError(failure);
  };

  return (
    <AuthFrame testId="first-run" title={t('firstRun.title')} subtitle={t('firstRun.intro')} corner={corner}>
      <form onSubmit={(e) => fireAndLog(logger, 'login.first-run-failed', submit(e))} noValidate>
        <TextField
          label={t('firstRun.name')}
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value.slice(0, 32))}
          slotProps={{ htmlInput: { 'data-testid': 'first-run-name' } }}
          sx={{ mb: 2 }}
        />
        <PinField label={t('firstRun.pin')} value={pin} onChange={setPin} testId="first-run-pin" />
        <PinField label={t('firstRun.pinConfirm')} value={confirm} onChange={setConfirm} testId="first-run-pin-confirm" />
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="first-run-error">
            {failureText(t, error)}
          </Alert>
        ) : null}
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 2 }} disabled={busy} data-testid="first-run-submit">
          {t('firstRun.submit')}
        </Button>
      </form>
    </AuthFrame>
  );
};
