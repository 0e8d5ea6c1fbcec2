import { Alert, AlertTitle, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SaleRecord } from '../../data/records';
import type { SignatureVerification } from '../../services/evidence/signature-verify';
import type { ShopTime } from '../session/useShopTime';
import { RemedyActions } from './RemedyActions';
import { problemText } from './problem-text';

/**
 * One signature's check: passed or not, and for each failed check what it means in plain words
 * (each changed field with its signed and present value), the remedies that fit, the remedies
 * already recorded, and the actions that record one. `onRecorded` checks again.
 */
export const SignatureCheckItem = ({ sale, result, time, operatorName, onRecorded }: { sale: SaleRecord; result: SignatureVerification; time: ShopTime; operatorName: (id: string) => string; onRecorded?: () => void }) => {
  const { t } = useTranslation('signatureCheck');
  const { check } = result;
  const heading = result.signatureId === null ? t('signature.unnamed') : t(`signature.${result.kind}`);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="signature-check-item" data-signature-id={result.signatureId ?? ''} data-kind={result.kind} data-ok={check.ok ? 'true' : 'false'}>
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600 }}>{heading}</Typography>
          {result.capturedAt !== null ? <Typography color="text.secondary">{t('signature.taken', { time: time.dateTime(result.capturedAt) })}</Typography> : null}
          <Chip size="small" color={check.ok ? 'success' : 'error'} label={check.ok ? t('signature.ok') : t('signature.failed')} data-testid="signature-check-status" />
        </Stack>
        {check.featureCode ? <Typography variant="body2">{t('signature.featureCode', { code: check.featureCode })}</Typography> : null}
        {result.remedyOf ? <Typography variant="body2">{t('signature.remedyOf', { remedy: t(`action.${result.remedyOf.remedy}`) })}</Typography> : null}
        {check.problems.map((p, i) => {
          const text = problemText(t, time, p);
          return (
            <Alert key={`${p.code}-${i}`} severity="error" data-testid="signature-check-problem" data-code={p.code}>
              <AlertTitle>{text.title}</AlertTitle>
              <Typography variant="body2">{text.body}</Typography>
              {text.lines.map((line) => (
                <Typography key={line} variant="body2" sx={{ fontWeight: 600 }} data-testid="signature-check-field">
                  {line}
                </Typography>
              ))}
            </Alert>
          );
        })}
        {check.remedies.length > 0 ? (
          <Stack spacing={0.5} data-testid="signature-check-remedies">
            <Typography variant="subtitle2">{t('remedy.title')}</Typography>
            {check.remedies.map((r) => (
              <Typography key={r} variant="body2">
                · {t(`remedy.${r}`)}
              </Typography>
            ))}
          </Stack>
        ) : null}
        {result.remedies.length > 0 ? (
          <Stack spacing={0.5} data-testid="signature-check-recorded">
            <Typography variant="subtitle2">{t('recorded.title')}</Typography>
            {result.remedies.map((r) => (
              <Typography key={`${r.remedy}-${r.at}`} variant="body2" data-testid="signature-check-recorded-item" data-remedy={r.remedy}>
                {t(r.result === 'ok' ? 'recorded.item' : 'recorded.fail', { remedy: t(`action.${r.remedy}`), time: time.dateTime(r.at), actor: operatorName(r.actor) })}
              </Typography>
            ))}
          </Stack>
        ) : null}
        {!check.ok && onRecorded ? <RemedyActions sale={sale} result={result} onRecorded={onRecorded} /> : null}
      </Stack>
    </Paper>
  );
};
