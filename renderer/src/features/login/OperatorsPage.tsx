import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { pinProblem } from '../../../../shared/domain/pin';
import { useSessionActions } from '../session/SessionContext';
import type { Role } from '../../data/records';
import type { ActionFailure } from '../../services/operator-session';
import { PinField } from './PinField';
import { failureText } from './failure-text';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { useShopTime } from '../session/useShopTime';

type Message = { ok: boolean; text: string } | null;

/** A manager sets a new PIN for someone (forgotten, or locked out); they choose their own at next sign-in. */
const ResetPinDialog = ({ name, onReset, onClose }: { name: string; onReset: (pin: string) => Promise<ActionFailure | null>; onClose: (done: boolean) => void }) => {
  const { t } = useTranslation('login');
  const { t: tc } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ActionFailure | string | null>(null);
  const { logger } = useRoot();
  const submit = async (): Promise<void> => {
    const problem = pinProblem(pin);
    if (problem) return setError(problem);
    const failure = await onReset(pin);
    if (failure) setError(failure);
    else onClose(true);
  };
  return (
    <Dialog open onClose={() => onClose(false)} data-testid="reset-pin-dialog">
      <DialogTitle>{t('operators.resetTitle', { name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1, minWidth: 360 }}>
          <Typography>{t('operators.resetBody', { name })}</Typography>
          <PinField label={t('operators.pin')} value={pin} onChange={setPin} testId="reset-pin" autoFocus />
          {error ? <Alert severity="error">{failureText(t, error)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{tc('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => fireAndLog(logger, 'operators.submit-failed', submit())} data-testid="reset-pin-submit">
          {t('operators.resetPin')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Managers add cashiers and managers, disable operators who left, and reset forgotten PINs. */
export const OperatorsPage = () => {
  const { t } = useTranslation('login');
  const shop = useShopTime();
  const { t: tc } = useTranslation();
  const { operator, operators, addOperator, setOperatorDisabled, resetOperatorPin } = useSessionActions();
  const { logger } = useRoot();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [message, setMessage] = useState<Message>(null);
  const [resetting, setResetting] = useState<{ id: string; name: string } | null>(null);

  if (operator?.role !== 'manager') return <Alert severity="info">{t('operators.managerOnly')}</Alert>;

  const submit = async (): Promise<void> => {
    const problem = !name.trim() ? 'name-required' : pinProblem(pin);
    const failure = problem ?? (await addOperator(name.trim(), pin, role));
    setMessage(failure ? { ok: false, text: failureText(t, failure) } : { ok: true, text: t('operators.added', { name }) });
    if (!failure) {
      setName('');
      setPin('');
    }
  };

  const toggle = async (id: string, disabled: boolean): Promise<void> => {
    const failure = await setOperatorDisabled(id, disabled);
    setMessage(failure ? { ok: false, text: failureText(t, failure) } : null);
  };

  return (
    <Stack spacing={3} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">
        {t('operators.title')}
      </Typography>
      <Paper sx={{ p: 3 }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <TextField label={t('operators.name')} value={name} onChange={(e) => setName(e.target.value.slice(0, 32))} slotProps={{ htmlInput: { 'data-testid': 'operator-name' } }} />
          <PinField label={t('operators.pin')} value={pin} onChange={setPin} testId="operator-pin" />
          <TextField select label={t('operators.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} sx={{ minWidth: 160 }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'operator-role' } as object } }}>
            <MenuItem value="cashier">{tc('operatorRole.cashier')}</MenuItem>
            <MenuItem value="manager">{tc('operatorRole.manager')}</MenuItem>
          </TextField>
          <Button variant="contained" onClick={() => fireAndLog(logger, 'operators.add-failed', submit())} data-testid="operator-add" sx={{ minWidth: 160, height: 56 }}>
            {t('operators.add')}
          </Button>
        </Stack>
        {message ? (
          <Alert severity={message.ok ? 'success' : 'error'} sx={{ mt: 2 }} data-testid="operators-message">
            {message.text}
          </Alert>
        ) : null}
      </Paper>
      <Paper>
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>{t('operators.name')}</TableCell>
              <TableCell>{t('operators.role')}</TableCell>
              <TableCell>{t('operators.created')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {operators.map((op) => (
              <TableRow key={op.id} data-testid="operator-row" data-name={op.name}>
                <TableCell sx={{ fontWeight: 600 }}>{op.name}</TableCell>
                <TableCell>{tc(`operatorRole.${op.role}`)}</TableCell>
                <TableCell>{shop.date(op.createdAt)}</TableCell>
                <TableCell align="right">
                  <Button onClick={() => setResetting({ id: op.id, name: op.name })} data-testid="operator-reset-pin">
                    {t('operators.resetPin')}
                  </Button>
                  {op.id === operator.id ? null : <Button onClick={() => fireAndLog(logger, 'operators.disable-failed', toggle(op.id, !op.disabled))}>{op.disabled ? t('operators.active') : t('operators.disable')}</Button>}
                  {op.disabled ? (
                    <Typography component="span" color="text.secondary">
                      {t('operators.disabled')}
                    </Typography>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {resetting ? (
        <ResetPinDialog
          name={resetting.name}
          onReset={(newPin) => resetOperatorPin(resetting.id, newPin)}
          onClose={(done) => {
            if (done) setMessage({ ok: true, text: t('operators.resetDone', { name: resetting.name }) });
            setResetting(null);
          }}
        />
      ) : null}
    </Stack>
  );
};
