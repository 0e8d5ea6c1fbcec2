import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ShopTime } from '../session/useShopTime';
import { SignatureCheckItem } from './SignatureCheckItem';
import { VerificationSummary } from './SignatureCheckPanel';
import type { CheckedReprint } from './useCheckedReprint';

/**
 * Shown before a reprint whose signature check failed (or could not run): the failing checks,
 * then the cashier's choice. Printing anyway is recorded with the job and in its audit entry.
 */
export const ReprintCheckDialog = ({ guard, time, operatorName }: { guard: CheckedReprint; time: ShopTime; operatorName: (id: string) => string }) => {
  const { t } = useTranslation('signatureCheck');
  const pending = guard.pending;
  const verification = pending?.decision.verification ?? null;
  return (
    <>
      {guard.checking ? (
        <Alert severity="info" data-testid="reprint-checking">
          {t('reprint.checking')}
        </Alert>
      ) : null}
      <Dialog open={pending !== null} onClose={guard.cancel} maxWidth="sm" fullWidth>
      <DialogTitle>{t('reprint.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} data-testid="reprint-check">
          <Alert severity="warning">{verification ? t('reprint.body') : t('reprint.notRun')}</Alert>
          {pending?.decision.error ? <Alert severity="error">{t(`failedToRun.${pending.decision.error.reason}`, { detail: pending.decision.error.message })}</Alert> : null}
          {verification ? <VerificationSummary verification={verification} time={time} /> : null}
          {pending && verification
            ? verification.signatures
                .filter((s) => !s.check.ok)
                .map((result) => <SignatureCheckItem key={result.signatureId ?? 'unnamed'} sale={pending.sale} result={result} time={time} operatorName={operatorName} />)
            : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={guard.cancel} data-testid="reprint-check-cancel">
          {t('reprint.cancel')}
        </Button>
        <Button variant="contained" color="warning" onClick={guard.confirm} data-testid="reprint-check-print">
          {t('reprint.print')}
        </Button>
      </DialogActions>
    </Dialog>
    </>
  );
};
