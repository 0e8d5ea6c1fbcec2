import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb, parseYuan } from '../../../../shared/domain/money';
import type { SaleRecord } from '../../data/records';
import { PinField } from '../login/PinField';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';

export type ReverseSubmit = (kind: 'void' | 'refund', amountFen: number, pin: string) => Promise<string | null>;

/** Void or refund with a manager's PIN; a refund may be partial but never above what remains. */
export const ReverseDialog = ({ sale, kind, remainingFen, onSubmit, onClose }: { sale: SaleRecord; kind: 'void' | 'refund'; remainingFen: number; onSubmit: ReverseSubmit; onClose: () => void }) => {
  const { t } = useTranslation('sale');
  const [amount, setAmount] = useState(kind === 'refund' ? (remainingFen / 100).toFixed(2) : '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { logger } = useRoot();
  const submit = async (): Promise<void> => {
    const fen = kind === 'void' ? sale.amountFen : parseYuan(amount);
    if (fen === null || fen <= 0) return setError('bad-amount');
    if (kind === 'refund' && fen > remainingFen) return setError('over-remaining');
    setBusy(true);
    const problem = await onSubmit(kind, fen, pin);
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
          <PinField label={t('reverse.pin')} value={pin} onChange={setPin} testId="reverse-pin" autoFocus />
          {error ? (
            <Alert severity="error" data-testid="reverse-error" data-reason={error}>
              {t(`reverse.errors.${error}`, { defaultValue: t('reverse.errors.failed') })}
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
