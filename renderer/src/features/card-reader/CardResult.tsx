import { Alert, AlertTitle, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { cardNumberFor } from '../../../../shared/domain/card/mask';
import type { ViewerRole } from '../../../../shared/domain/card/mask';
import type { CardEvent } from './useCardReaders';
import { reasonKey } from './card-text';

/**
 * One swipe outcome: the masked card (BIN + last four for managers only, RULES 3), brand,
 * entry mode, chip-swiped warning (RULES 5), or the translated reason it was refused.
 */
export const CardResult = ({ event, role }: { event: CardEvent; role: ViewerRole }) => {
  const { t } = useTranslation('cardReader');
  if (!event.ok) {
    return (
      <Alert severity="error" data-testid="card-result-failed" data-reason={event.failure.reason}>
        <AlertTitle>{t('result.failed')}</AlertTitle>
        {t(reasonKey(event.failure.reason) ?? 'failure.unreadable')}
      </Alert>
    );
  }
  const s = event.summary;
  return (
    <Stack spacing={1}>
      <Alert severity="success" data-testid="card-result-ok">
        <AlertTitle>{t('result.ok')}</AlertTitle>
        <Typography variant="h5" component="p" data-testid="card-result-number" sx={{ fontFamily: 'monospace', letterSpacing: 1 }}>
          {cardNumberFor({ bin: s.bin, last4: s.last4, panLength: s.panLength }, role)}
        </Typography>
        <Typography data-testid="card-result-brand">
          {t(`brand.${s.brand}`)} · {t(`result.entry.${s.entryMode}`)} · {t(`result.source.${s.source}`)}
        </Typography>
        <Typography variant="body2">
          {s.expiryMonth !== null && s.expiryYear !== null ? t('result.expiry', { month: String(s.expiryMonth).padStart(2, '0'), year: s.expiryYear }) : t('result.expiryMasked')}
        </Typography>
      </Alert>
      {s.chip ? (
        <Alert severity="warning" data-testid="card-result-chip">
          {t('result.chip')}
        </Alert>
      ) : null}
      {s.encrypted ? <Alert severity="info">{t('result.encrypted')}</Alert> : null}
    </Stack>
  );
};
