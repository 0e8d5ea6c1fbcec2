import { Alert, Button, Paper, Stack, Typography, CircularProgress } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { SaleRecord } from '../../data/records';
import { CardResult } from '../card-reader/CardResult';
import { useReaderSummary, useTestSwipe } from '../card-reader/useCardReaders';
import { useSwipes } from './useSwipes';
import { useCommand } from '../session/useCommand';
import type { ViewerRole } from '../../../../shared/domain/card/mask';

/** Waiting for the card: reader state, test cards in training, and what a bad swipe means. */
export const CardStep = ({ sale, role, onCard, onCancel }: { sale: SaleRecord; role: ViewerRole; onCard: (card: CardSummary) => void; onCancel: () => void }) => {
  const { t } = useTranslation('counter');
  const { t: tr } = useTranslation('cardReader');
  const readers = useReaderSummary();
  const seen = useSwipes(onCard);
  const testCards = useCommand('card-reader:test-cards', {});
  const testSwipe = useTestSwipe();

  return (
    <Paper sx={{ p: 4 }} data-testid="counter-card-step">
      <Stack spacing={3}>
        <Typography sx={{ fontSize: 48, fontWeight: 700 }}>{formatRmb(sale.amountFen)}</Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          {/* Rotation only: the compositor animates it, leaving the main thread free for the sale (the default shrink repaints every frame). */}
          <CircularProgress size={32} disableShrink />
          <Typography variant="h5">{t('waitingCard')}</Typography>
        </Stack>
        <Typography color="text.secondary" data-testid="counter-reader-summary" data-headline={readers.headline}>
          {tr(`summary.${readers.headline}`, { count: readers.usbReady })}
        </Typography>
        {seen && !seen.ok ? <CardResult event={seen} role={role} /> : null}
        {testCards.value?.enabled ? (
          <Stack spacing={1}>
            <Typography variant="subtitle1">{t('testCards')}</Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {testCards.value.cards.map((card) => (
                <Button key={card.id} variant="outlined" size="large" disabled={testSwipe.busy} onClick={() => testSwipe.run(card.id)} data-testid={`counter-test-card-${card.id}`}>
                  {tr(card.labelKey)}
                </Button>
              ))}
            </Stack>
          </Stack>
        ) : null}
        {testSwipe.error ? <Alert severity="error">{testSwipe.error.message}</Alert> : null}
        <Button variant="outlined" color="error" size="large" onClick={onCancel} data-testid="counter-cancel" sx={{ alignSelf: 'flex-start' }}>
          {t('cancel')}
        </Button>
      </Stack>
    </Paper>
  );
};
