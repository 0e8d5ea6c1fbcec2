import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isPinFormat } from '../../../../shared/domain/pin';
import type { ActionFailure } from '../../services/operator-session';
import { AuthFrame } from './AuthFrame';
import { PinField } from './PinField';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { failureText } from './failure-text';

export interface LoginChoice {
  id: string;
  name: string;
}

export type LoginSubmit = (operatorId: string, pin: string) => Promise<ActionFailure | null>;

/**
 * Operator + PIN; main checks it, backs off after wrong PINs and says how long to wait. Older
 * 4-digit PINs still sign in here (main then asks for a new one).
 */
export const LoginPage = ({ operators, onLogin, preselect, title, subtitle, testId = 'login', corner }: {
  operators: LoginChoice[];
  onLogin: LoginSubmit;
  preselect?: string;
  title?: string;
  subtitle?: string;
  testId?: string;
  /** The language switch (shown before anyone signs in). */
  corner?: ReactNode;
}) => {
  const { logger } = useRoot();
  const { t } = useTranslation('login');
  const [operatorId, setOperatorId] = useState(preselect ?? (operators.length === 1 ? (operators[0]?.id ?? '') : ''));
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ActionFailure | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (!operatorId) return setError('no-operator');
    if (!isPinFormat(pin)) return setError('wrong-pin');
    setBusy(true);
    const failure = await onLogin(operatorId, pin);
    setBusy(false);
    if (failure) {
      setPin('');
      setError(failure);
    }
  };

  return (
    <AuthFrame testId={testId} title={title ?? t('login.title')} subtitle={subtitle} corner={corner}>
      <form onSubmit={(e) => fireAndLog(logger, 'login.submit-failed', submit(e))} noValidate>
        <TextField
          select
          label={t('login.operator')}
          value={operatorId}
          onChange={(e) => setOperatorId(e.target.value)}
          sx={{ mb: 2 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'login-operator' } as object } }}
        >
          {operators.map((op) => (
            <MenuItem key={op.id} value={op.id} sx={{ minHeight: 48 }}>
              {op.name}
            </MenuItem>
          ))}
        </TextField>
        <PinField label={t('login.pin')} value={pin} onChange={setPin} testId="login-pin" autoFocus={Boolean(preselect)} />
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="login-error" data-reason={typeof error === 'string' ? error : error.reason}>
            {failureText(t, error)}
          </Alert>
        ) : null}
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 2 }} disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </form>
    </AuthFrame>
  );
};
