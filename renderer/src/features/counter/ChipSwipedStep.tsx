import { Alert, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * A chip card read by its stripe, before anything is sent (RULES 5): the liability warning and
 * the choice. Cancelling is the safe default (primary, first and focused, so Enter cancels).
 */
export const ChipSwipedStep = ({ maskedPan, onProceed, onCancel }: { maskedPan: string; onProceed: () => void; onCancel: () => void }) => {
  const { t } = useTranslation('counter');
  return (
    <Alert severity="warning" data-testid="counter-chip-swiped" sx={{ fontSize: 18 }}>
      <Typography variant="h6">{t('chipSwiped.title')}</Typography>
      <Typography sx={{ my: 1 }}>{t('chipSwiped.body', { card: maskedPan })}</Typography>
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={onCancel} data-testid="chip-swiped-cancel" autoFocus sx={{ whiteSpace: 'nowrap' }}>
          {t('chipSwiped.cancel')}
        </Button>
        <Button variant="outlined" color="warning" onClick={onProceed} data-testid="chip-swiped-proceed" sx={{ whiteSpace: 'nowrap' }}>
          {t('chipSwiped.proceed')}
        </Button>
      </Stack>
    </Alert>
  );
};
