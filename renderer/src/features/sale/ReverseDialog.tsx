import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb, parseYuan } from '../../../../shared/domain/money';
import type { SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import type { ActionFailure } from '../../services/operator-session';
import { ManagerApproval } from '../login/ManagerApproval';
import type { ManagerChoice } from '../login/ManagerApproval';
import { failureText } from '../login/failure-text';

export type ReverseSubmit = (kind: 'void' | 'refund', amountFen: number, managerId: string, pin: string) => Promise<ActionFailure | string | null>;

/** PIN refusals are explained by the login strings (with the wait); the rest by this dialog's. */
const PIN_REASONS = new Set(['wrong-pin', 'backoff', 'locked-out', 'not-a-manager', 'disabled', 'no-manager']);

/** Void or refund with a named manager's PIN; a refund may be partial but never above what remains. */
export const ReverseDialog = ({ sale, kind, remainingFen, managers, onSubmit, onClose }: { sale: SaleRecord; kind: 'void' | 'refund'; remainingFen: number; managers: ManagerChoice[]; onSubmit: ReverseSubmit; onClose: () => void }) => {
  const { t } = useTranslation('sale');
  const { t: tl } = useTranslation('login');
  const [amount, setAmount] = useState(kind === 'refund' ? (remainingFen / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState(managers.length === 1 ? (managers[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ActionFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const { logger } = useRoot();
  const reason = error === null ? null : typeof error === 'string' ? error : error.reason;
  const submit = async (): Promise<void> => {
    const fen = kind === 'void' ? sale.amountFen : parseYuan(amount);
    if (fen === null || fen <= 0) return setError('bad-amount');
    if (kind === 'refund' && fen > remainingFen) return setError('over-remaining');
    if (!managerId) return setError('no-manager');
    setBusy(true);
    const problem = await onSubmit(kind, fen, managerId, pin);
    setBusy(false);
    if (problem) {
      setPin('');
      setError(problem);
    } else onClose();
  };
  return (
    <Dialog open onClose={onClose} data-testid={`${kind}-dialog`}>
      <DialogTitle>{t(`reverse.${kind}.title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1, minWidth: 380 }}>
          <Typography>{t(`reverse.${kind}.body`, { amount: formatRmb(sale.amountFen), remaining: formatRmb(remainingFen) })}</Typography>
          {kind === 'refund' ? (
            <TextField label={t('reverse.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'refund-amount' } }} />
          ) : null}
          <ManagerApproval managers={managers} managerId={managerId} pin={pin} onManager={setManagerId} onPin={setPin} testId="reverse" />
          {error && reason ? (
            <Alert severity="error" data-testid="reverse-error" data-reason={reason}>
              {PIN_REASONS.has(reason) ? failureText(tl, error) : t(`reverse.errors.${reason}`, { defaultValue: t('reverse.errors.failed') })}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('reverse.cancel')}</Button>
        <Button variant="contained" color="error" disabled={busy} onClick={() => fireAndLog(logger, 'reverse.submit-failed', submit())} data-testid="reverse-submit">
          {t(`reverse.${kind}.submit`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
