import { useRef, useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { SaleRecord, SignaturePoint } from '../../data/records';
import { SignatureCanvas } from '../signature/SignatureCanvas';
import type { SignatureCanvasHandle } from '../signature/SignatureCanvas';
import { useCustomerSignature } from '../customer/useCustomerScreen';

/** The customer signs here (or on the customer window); clear and redo; "declined". */
export const SignatureStep = ({ sale, onSigned, onDeclined }: { sale: SaleRecord; onSigned: (strokes: SignaturePoint[][], png: string) => void; onDeclined: () => void }) => {
  const { t } = useTranslation('counter');
  const pad = useRef<SignatureCanvasHandle>(null);
  const [empty, setEmpty] = useState(true);
  useCustomerSignature(sale, onSigned);
  return (
    <Paper sx={{ p: 3 }} data-testid="counter-signature-step">
      <Stack spacing={2}>
        <Typography variant="h5">{t('signature.prompt', { amount: formatRmb(sale.amountFen) })}</Typography>
        <SignatureCanvas ref={pad} onChange={setEmpty} />
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" size="large" onClick={() => pad.current?.clear()} data-testid="signature-clear">
            {t('signature.clear')}
          </Button>
          <Button variant="outlined" color="warning" size="large" onClick={onDeclined} data-testid="signature-declined">
            {t('signature.declined')}
          </Button>
          <Box sx={{ flex: 1 }} />
          <Button
            variant="contained"
            size="large"
            disabled={empty}
            onClick={() => {
              const captured = pad.current?.capture();
              if (captured) onSigned(captured.strokes, captured.png);
            }}
            data-testid="signature-done"
            sx={{ minWidth: 200 }}
          >
            {t('signature.done')}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
};

/** 请确认签字: the cashier checks the signature before the sale is finished. */
export const ConfirmSignatureStep = ({ sale, card, png, onConfirm, onRedo }: { sale: SaleRecord; card: string; png: string; onConfirm: () => void; onRedo: () => void }) => {
  const { t } = useTranslation('counter');
  return (
    <Paper sx={{ p: 3 }} data-testid="counter-confirm-signature">
      <Stack spacing={2}>
        <Typography variant="h5">{t('signature.confirmTitle')}</Typography>
        <Typography>{t('signature.confirmBody', { amount: formatRmb(sale.amountFen), card })}</Typography>
        <Box component="img" src={png} alt="" sx={{ maxWidth: '100%', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }} data-testid="signature-preview" />
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" size="large" onClick={onRedo} data-testid="signature-redo">
            {t('signature.redo')}
          </Button>
          <Button variant="contained" size="large" onClick={onConfirm} data-testid="signature-confirm" sx={{ minWidth: 220 }}>
            {t('signature.confirm')}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
};
