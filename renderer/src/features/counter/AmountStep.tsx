import { useEffect, useState } from 'react';
import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { EMPTY_AMOUNT, amountToFen, keyFromKeyboard, keysTyped, pressKey } from './amount-entry';
import type { AmountKey } from './amount-entry';

const KEYS: AmountKey[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
  ['00', '0', '.'],
];

/** Amount by keyboard or on-screen keypad; Enter (once) starts the sale. */
export const AmountStep = ({ onCharge }: { onCharge: (amountFen: number, reference: string, note: string) => void }) => {
  const { t } = useTranslation('counter');
  const [amount, setAmount] = useState(EMPTY_AMOUNT);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const fen = amountToFen(amount);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') && target.dataset.amount !== 'true') return;
      if (e.key === 'Enter') {
        e.preventDefault();
        if (!e.repeat && fen > 0) onCharge(fen, reference, note);
        return;
      }
      const key = keyFromKeyboard(e.key);
      if (key) {
        e.preventDefault();
        setAmount((a) => pressKey(a, key));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fen, reference, note, onCharge]);

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'stretch' }}>
      <Paper sx={{ p: 3, flex: 1 }}>
        <Typography color="text.secondary">{t('amount')}</Typography>
        <Typography data-testid="counter-amount" aria-live="polite" sx={{ fontSize: 64, fontWeight: 700, fontVariantNumeric: 'tabular-nums', my: 1 }}>
          {formatRmb(fen)}
        </Typography>
        <Typography color="text.secondary" data-testid="counter-amount-typed" sx={{ minHeight: '1.5em' }}>
          {keysTyped(amount) ? t('typed', { keys: keysTyped(amount), amount: formatRmb(fen) }) : t('enterAmount')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="counter-amount-hint" sx={{ mb: 2 }}>
          {t('amountHint')}
        </Typography>
        <Stack spacing={2}>
          <TextField label={t('reference')} value={reference} onChange={(e) => setReference(e.target.value.slice(0, 32))} slotProps={{ htmlInput: { 'data-testid': 'counter-reference' } }} />
          <TextField label={t('note')} value={note} onChange={(e) => setNote(e.target.value.slice(0, 200))} />
        </Stack>
        <Button
          variant="contained"
          size="large"
          fullWidth
          disabled={fen <= 0}
          onClick={() => onCharge(fen, reference, note)}
          data-testid="counter-charge"
          sx={{ mt: 3, minHeight: 72, fontSize: 24 }}
        >
          {t('charge', { amount: formatRmb(fen) })}
        </Button>
      </Paper>
      <Paper sx={{ p: 2, width: { md: 360 } }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 1 }}>
          {KEYS.flat().map((k) => (
            <Button key={k} variant="outlined" onClick={() => setAmount((a) => pressKey(a, k))} data-testid={`key-${k}`} sx={{ minHeight: 72, fontSize: 28 }}>
              {k}
            </Button>
          ))}
          <Button variant="outlined" color="warning" onClick={() => setAmount(EMPTY_AMOUNT)} sx={{ minHeight: 64, gridColumn: 'span 2' }}>
            {t('clear')}
          </Button>
          <Button variant="outlined" onClick={() => setAmount((a) => pressKey(a, 'back'))} sx={{ minHeight: 64, fontSize: 24 }} aria-label="backspace">
            {t('back')}
          </Button>
        </Box>
      </Paper>
    </Stack>
  );
};
