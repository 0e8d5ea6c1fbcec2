import { useState } from 'react';
import { Alert, Button, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import { useSwipeDetector } from './useSwipeDetector';

/**
 * Mount once near the root (inside the shell): captures keyboard-emulation swipes in any screen,
 * says so when card data typed into a field was dropped ("a card was swiped here"), and warns
 * when an input method is catching the reader's keys. Results also arrive as the
 * `card-reader:swiped` / `card-reader:failed` events, which is what screens should listen to.
 */
export const KeyboardSwipeListener = ({ enabled = true, onResult }: { enabled?: boolean; onResult?: (result: Envelope<CardSummary>) => void }) => {
  const { t } = useTranslation('cardReader');
  const [imeWarning, setImeWarning] = useState(false);
  const [dropped, setDropped] = useState(false);
  useSwipeDetector(
    (result) => onResult?.(result),
    () => setImeWarning(true),
    { enabled, onCardDropped: () => setDropped(true) },
  );
  return (
    <>
      <Snackbar open={dropped} anchorOrigin={{ vertical: 'top', horizontal: 'center' }} autoHideDuration={30_000} onClose={(_e, reason) => reason !== 'clickaway' && setDropped(false)}>
        <Alert severity="warning" data-testid="card-swiped-here" onClose={() => setDropped(false)}>
          {t('swipedHere')}
        </Alert>
      </Snackbar>
      <Snackbar open={imeWarning} anchorOrigin={{ vertical: 'top', horizontal: 'center' }} onClose={() => setImeWarning(false)}>
        <Alert
          severity="warning"
          data-testid="card-reader-ime-warning"
          action={
            <Button color="inherit" size="large" onClick={() => setImeWarning(false)}>
              {t('imeDismiss')}
            </Button>
          }
        >
          {t('ime')}
        </Alert>
      </Snackbar>
    </>
  );
};
