import { Alert, AlertTitle, Button, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isSaleCopy } from '../../data/records';
import type { Copy, PrintJobRecord, SaleCopy } from '../../data/records';
import { useSalePrintJobs } from './useSalePrintJobs';

const STATE_COLOR = { queued: 'default', sending: 'info', sent: 'info', confirmed: 'success', failed: 'error' } as const;

/**
 * Each copy's latest print job, live; a failed copy raises "approved but not printed"
 * (已扣款未出单) with the printer's reason and one-click reprint.
 */
export const SalePrintStatus = ({ saleId, onReprint }: { saleId: string; onReprint: (copy: SaleCopy) => void }) => {
  const { t } = useTranslation('sale');
  const { t: tp } = useTranslation('printer');
  const jobs = useSalePrintJobs(saleId);
  const latest = new Map<Copy, PrintJobRecord>();
  for (const job of jobs ?? []) latest.set(job.copy, job);
  const failed = [...latest.values()].filter((j) => j.state === 'failed');
  return (
    <Stack spacing={1} data-testid="sale-print-status">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {[...latest.values()].map((job) => (
          <Chip
            key={job.id}
            color={STATE_COLOR[job.state]}
            data-testid={`print-state-${job.copy}`}
            data-state={job.state}
            data-reprint={job.reprint}
            label={t('copyState', { copy: t(`copy.${job.copy}`), reprint: job.reprint > 0 ? ` · ${t('reprintN', { n: job.reprint })}` : '', state: t(`printState.${job.state}`) })}
          />
        ))}
      </Stack>
      {failed.map((job) => (
        <Alert key={job.id} severity="error" data-testid="not-printed-alert">
          <AlertTitle>{t('notPrinted.title')}</AlertTitle>
          <Typography>{t('notPrinted.body', { copy: t(`copy.${job.copy}`) })}</Typography>
          {job.failure ? (
            <Typography sx={{ fontWeight: 600 }}>
              {tp(`condition.${job.failure}`, { defaultValue: job.failure })} — {tp(`todo.${job.failure}`, { defaultValue: '' })}
            </Typography>
          ) : null}
          <Button variant="contained" color="error" sx={{ mt: 1 }} onClick={() => isSaleCopy(job.copy) && onReprint(job.copy)} data-testid={`reprint-${job.copy}`}>
            {t('notPrinted.reprint')}
          </Button>
        </Alert>
      ))}
    </Stack>
  );
};
