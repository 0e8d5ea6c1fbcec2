import { useState } from 'react';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SaleRecord } from '../../data/records';
import type { SaleSignatureVerification } from '../../services/evidence/signature-verify';
import type { ShopTime } from '../session/useShopTime';
import { SignatureCheckItem } from './SignatureCheckItem';
import type { SignatureCheck } from './useSignatureCheck';

/** What a finished check says overall: passed, failed, nothing to check, and which checkpoint it used. */
export const VerificationSummary = ({ verification, time }: { verification: SaleSignatureVerification; time: ShopTime }) => {
  const { t } = useTranslation('signatureCheck');
  const empty = verification.signatures.length === 0;
  const remedied = verification.signatures.every((s) => s.check.ok || s.remedies.some((r) => r.result === 'ok'));
  return (
    <Stack spacing={1}>
      <Alert severity={empty ? 'info' : verification.ok ? 'success' : remedied ? 'warning' : 'error'} data-testid="signature-check-summary" data-ok={verification.ok ? 'true' : 'false'}>
        {empty ? t('nothing') : verification.ok ? t('allOk') : remedied ? t('someFailedRemedied') : t('someFailed')}
      </Alert>
      {empty ? null : (
        <Typography variant="body2" color="text.secondary">
          {verification.checkpoint ? t('checkedAt', { time: time.dateTime(verification.checkedAt), size: verification.checkpoint.size }) : t('noCheckpoint', { time: time.dateTime(verification.checkedAt) })}
        </Typography>
      )}
      {verification.checkpointRefused ? <Alert severity="warning">{t('checkpointRefused', { reason: verification.checkpointRefused })}</Alert> : null}
    </Stack>
  );
};

/**
 * 校验签名 in the sale's detail: the Verify action and, once run, each customer signature's check
 * (or, from a signature's own Verify button, that one's) with its remedies.
 */
export const SignatureCheckPanel = ({ sale, check, time, operatorName }: { sale: SaleRecord; check: SignatureCheck; time: ShopTime; operatorName: (id: string) => string }) => {
  const { t } = useTranslation('signatureCheck');
  const { state, focus } = check;
  // Set when a remedy was recorded from here: the check that follows says what it changed.
  const [saved, setSaved] = useState(false);
  const shown = state.kind === 'done' ? state.verification.signatures.filter((s) => focus === null || s.signatureId === focus) : [];
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="signature-check">
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
            {t('title')}
          </Typography>
          <Button variant="outlined" onClick={() => {
              setSaved(false);
              check.run(null);
            }} disabled={state.kind === 'running'} data-testid="signature-verify">
            {t('verify')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('intro')}
        </Typography>
        {state.kind === 'running' ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} />
            <Typography>{t('running')}</Typography>
          </Stack>
        ) : null}
        {state.kind === 'failed' ? (
          <Alert severity="error" data-testid="signature-check-error">
            {t(`failedToRun.${state.reason}`, { detail: state.detail })}
          </Alert>
        ) : null}
        {saved && state.kind === 'done' ? (
          <Alert severity="success" data-testid="signature-check-saved">
            {t('saved')}
          </Alert>
        ) : null}
        {state.kind === 'done' ? <VerificationSummary verification={state.verification} time={time} /> : null}
        {shown.map((result) => (
          <SignatureCheckItem key={result.signatureId ?? 'unnamed'} sale={sale} result={result} time={time} operatorName={operatorName} onRecorded={() => {
              setSaved(true);
              check.run(focus);
            }}
          />
        ))}
      </Stack>
    </Paper>
  );
};
