import { useState } from 'react';
import { Alert, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/domain/settings';
import type { ShopTime } from '../session/useShopTime';
import type { SaleRecord } from '../../data/records';
import { ReceiptPreview } from '../printer/ReceiptPreview';
import { useReceiptMarkup } from '../sale/useReceiptMarkup';
import { useSalePrintJobs } from '../sale/useSalePrintJobs';

/** Each copy the sale printed (and each reprint), previewed exactly as it was sent to the printer. */
export const SaleReceipts = ({ sale, settings, time }: { sale: SaleRecord; settings: Settings; time: ShopTime }) => {
  const { t } = useTranslation('transactions');
  const { t: ts } = useTranslation('sale');
  const { t: tp } = useTranslation('printer');
  const jobs = useSalePrintJobs(sale.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = (jobs ?? []).find((j) => j.id === chosen) ?? (jobs ?? []).find((j) => j.copy === 'merchant') ?? jobs?.[0] ?? null;
  const markup = useReceiptMarkup(sale, shown, settings);
  return (
    <Stack spacing={1} data-testid="sale-receipts">
      <Typography variant="h6" component="h3">
        {t('detail.receipts.title')}
      </Typography>
      {jobs && jobs.length === 0 ? <Typography color="text.secondary">{t('detail.receipts.none')}</Typography> : null}
      {jobs && jobs.length > 0 ? (
        <ToggleButtonGroup exclusive orientation="vertical" size="small" value={shown?.id ?? null} onChange={(_e, id: string | null) => id && setChosen(id)}>
          {jobs.map((j) => (
            <ToggleButton key={j.id} value={j.id} data-testid="receipt-job" data-copy={j.copy} data-reprint={j.reprint} sx={{ justifyContent: 'flex-start', textAlign: 'left' }}>
              {t('detail.receipts.job', {
                copy: ts(`copy.${j.copy}`),
                reprint: j.reprint > 0 ? ` · ${ts('reprintN', { n: j.reprint })}` : '',
                time: time.dateTime(j.createdAt),
                state: ts(`printState.${j.state}`),
              })}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      ) : null}
      {markup?.rebuilt ? <Alert severity="info">{t('detail.receipts.rebuilt')}</Alert> : null}
      {markup?.problem ? <Alert severity="warning">{tp('preview.failed', { reason: markup.problem })}</Alert> : null}
      {shown && markup?.markup ? <ReceiptPreview markup={markup.markup} width={340} /> : null}
    </Stack>
  );
};
