import { useEffect, useState } from 'react';
import { Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { DisputeCaseRecord, SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';

/** Unlinked sales that match the notice (or the case's first sale), each linkable in one click. */
export const CaseCandidates = ({ c, transactionAt }: { c: DisputeCaseRecord; transactionAt: number | null }) => {
  const { t } = useTranslation('cases');
  const { cases, logger } = useServices();
  const time = useShopTime();
  const [found, setFound] = useState<SaleRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    fireAndLog(logger, 'cases.candidates-failed', cases.candidates(c, transactionAt).then((list) => live && setFound(list)));
    return () => {
      live = false;
    };
  }, [cases, logger, c, transactionAt]);
  if (found === null) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="case-candidates" data-count={found.length}>
      <Typography variant="subtitle1">{t('detail.candidates')}</Typography>
      {found.length === 0 ? <Typography color="text.secondary">{t('detail.noCandidates')}</Typography> : null}
      {found.map((s) => (
        <Stack key={s.id} direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="case-candidate">
          <Typography sx={{ flex: 1 }}>
            {time.dateTime(s.createdAt)} · {formatRmb(s.amountFen)} · …{s.last4} · RRN {s.rrn ?? '—'}
          </Typography>
          <Button size="small" variant="outlined" onClick={() => fireAndLog(logger, 'cases.link-failed', cases.link(c.id, [s.id]))} data-testid="case-link">
            {t('detail.link')}
          </Button>
        </Stack>
      ))}
    </Paper>
  );
};
