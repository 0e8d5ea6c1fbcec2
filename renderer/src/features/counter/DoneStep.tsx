import type { ReactNode } from 'react';
import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { SaleRecord } from '../../data/records';

const SIGNATURE_KEY = { signed: 'done.signed', unsigned: 'done.unsigned', waived: 'done.waived', 'not-required': 'done.notRequired', pending: 'done.unsigned' } as const;

/** The finished sale, its signature outcome and (from the printer feature) each copy's print state. */
export const DoneStep = ({ sale, printing, onNext }: { sale: SaleRecord; printing: ReactNode; onNext: () => void }) => {
  const { t } = useTranslation('counter');
  return (
    <Paper sx={{ p: 4 }} data-testid="counter-done" data-signature={sale.signatureState}>
      <Stack spacing={2}>
        <Typography variant="h5">{t('done.title')}</Typography>
        <Typography sx={{ fontSize: 40, fontWeight: 700 }}>{formatRmb(sale.amountFen)}</Typography>
        <Alert severity={sale.signatureState === 'unsigned' ? 'warning' : 'success'}>{t(SIGNATURE_KEY[sale.signatureState])}</Alert>
        {printing}
        <Button variant="contained" size="large" onClick={onNext} data-testid="counter-next" sx={{ alignSelf: 'flex-start', minHeight: 64, minWidth: 240, fontSize: 20 }} autoFocus>
          {t('result.next')}
        </Button>
      </Stack>
    </Paper>
  );
};
