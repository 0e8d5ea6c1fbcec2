import { useState } from 'react';
import { Alert, Button, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../session/SessionContext';
import type { Role } from '../../data/records';
import { PinField } from './PinField';
import { useOperatorAdmin } from './useAddOperator';
import { useOperators } from './useOperators';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { useShopTime } from '../session/useShopTime';

/** Managers add cashiers and managers, and disable operators who left. */
export const OperatorsPage = () => {
  const { t } = useTranslation('login');
  const shop = useShopTime();
  const { t: tc } = useTranslation();
  const { operator } = useSessionActions();
  const operators = useOperators();
  const { logger } = useRoot();
  const admin = useOperatorAdmin(operator?.id ?? '');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (operator?.role !== 'manager') return <Alert severity="info">{t('operators.managerOnly')}</Alert>;

  const submit = async (): Promise<void> => {
    const problem = await admin.add(name, pin, role);
    setMessage(problem ? { ok: false, text: t(`errors.${problem}`) } : { ok: true, text: t('operators.added', { name }) });
    if (!problem) {
      setName('');
      setPin('');
    }
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
          <TextField select label={t('operators.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} sx={{ minWidth: 160 }}>
            <MenuItem value="cashier">{tc('operatorRole.cashier')}</MenuItem>
            <MenuItem value="manager">{tc('operatorRole.manager')}</MenuItem>
          </TextField>
          <Button variant="contained" onClick={() => fireAndLog(logger, 'operators.add-failed', submit())} data-testid="operator-add" sx={{ minWidth: 160, height: 56 }}>
            {t('operators.add')}
          </Button>
        </Stack>
        {message ? (
          <Alert severity={message.ok ? 'success' : 'error'} sx={{ mt: 2 }}>
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
            {(operators ?? []).map((op) => (
              <TableRow key={op.id}>
                <TableCell sx={{ fontWeight: 600 }}>{op.name}</TableCell>
                <TableCell>{tc(`operatorRole.${op.role}`)}</TableCell>
                <TableCell>{shop.date(op.createdAt)}</TableCell>
                <TableCell align="right">
                  {op.id === operator.id ? null : (
                    <Button
                      onClick={() =>
                        fireAndLog(
                          logger,
                          'operators.disable-failed',
                          admin.setDisabled(op.id, !op.disabled).then((problem) => setMessage(problem ? { ok: false, text: t(`errors.${problem}`) } : null)),
                        )
                      }
                    >{op.disabled ? t('operators.active') : t('operators.disable')}</Button>
                  )}
                  {op.disabled ? <Typography component="span" color="text.secondary">{t('operators.disabled')}</Typography> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  );
};
