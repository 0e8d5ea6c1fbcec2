import { useLayoutEffect } from 'react';
import { Alert, AlertTitle, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { explainResponse } from '../../../../shared/domain/response-codes';
import { formatRmb } from '../../../../shared/domain/money';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { AuthorizeResult } from '../../services/send';
import { afterNextPaint, markResultShown } from '../../services/counter-timing';
import { SignOnAgain } from './SignOnAgain';

const SEVERITY = { approved: 'success', offline: 'info', declined: 'error', unknown: 'warning', refused: 'error' } as const;

/** The host's answer in plain words, with what to do next (RULES / PRODUCT problem 3). */
export const ResultStep = ({ result, card, operatorId, onNext }: { result: AuthorizeResult; card: CardSummary | null; operatorId: string; onNext: () => void }) => {
  const { t, i18n } = useTranslation('counter');
  const { t: tr } = useTranslation('cardReader');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const code = result.sale.responseCode;
  const explained = code ? explainResponse(code) : null;
  const refusal = result.kind === 'refused' ? (t(`refusal.${result.reason}`, { defaultValue: '' }) || t('refusal.default', { reason: result.reason })) : null;
  const charged = result.kind === 'approved' || result.kind === 'offline';
  const goesOn = charged && result.sale.signatureState === 'unsigned';
  // A layout effect runs as the result reaches the DOM, so the next frame is the one that shows it.
  useLayoutEffect(() => afterNextPaint(markResultShown), []);

  return (
    <Paper sx={{ p: 4 }} data-testid="counter-result" data-outcome={result.kind}>
      <Stack spacing={2}>
        <Typography sx={{ fontSize: 40, fontWeight: 700 }}>{formatRmb(result.sale.amountFen)}</Typography>
        {card ? <Typography variant="h6">{t('cardRead', { card: card.maskedPan, brand: tr(`brand.${card.brand}`) })}</Typography> : null}
        <Alert severity={SEVERITY[result.kind]} sx={{ fontSize: 18 }}>
          <AlertTitle sx={{ fontSize: 24, fontWeight: 700 }} data-testid="counter-result-title">
            {t(`result.${result.kind}`)}
          </AlertTitle>
          {code ? <Typography data-testid="counter-response-code">{t('result.code', { code })}</Typography> : null}
          {result.sale.authCode ? <Typography>{t('result.authCode', { code: result.sale.authCode })}</Typography> : null}
          {explained && result.kind !== 'approved' ? (
            <>
              <Typography data-testid="counter-explanation">{explained.explanation[lang]}</Typography>
              <Typography sx={{ fontWeight: 600 }}>{explained.action[lang]}</Typography>
            </>
          ) : null}
          {result.kind === 'offline' ? <Typography>{t('result.offlineBody')}</Typography> : null}
          {result.kind === 'unknown' ? <Typography>{t('result.unknownBody')}</Typography> : null}
          {result.kind === 'unknown' && result.storageFull ? <Typography data-testid="counter-storage-full">{t('result.unknownStorageFull')}</Typography> : null}
          {refusal ? <Typography data-testid="counter-refusal">{refusal}</Typography> : null}
        </Alert>
        {explained?.resign ? <SignOnAgain operatorId={operatorId} /> : null}
        {card?.chip && (result.kind === 'approved' || result.kind === 'offline') ? (
          <Alert severity="warning" data-testid="counter-chip-warning">
            {t('chipWarning')}
          </Alert>
        ) : null}
        <Button variant="contained" size="large" onClick={onNext} data-testid="counter-next" sx={{ alignSelf: 'flex-start', minHeight: 64, minWidth: 240, fontSize: 20 }} autoFocus>
          {goesOn ? t('signature.title') : charged ? t('done.title') : t('result.next')}
        </Button>
      </Stack>
    </Paper>
  );
};
