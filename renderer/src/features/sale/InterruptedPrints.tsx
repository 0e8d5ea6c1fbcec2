import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import { usePrintAlerts } from '../printer/usePrintAlerts';
import { usePrintSale } from './usePrintSale';
import { useSaleLookup } from './useSaleLookup';
import { isSaleCopy } from '../../data/records';
import type { PrintJobRecord } from '../../data/records';

const Row = ({ job }: { job: PrintJobRecord }) => {
  const { t } = useTranslation('sale');
  const { settings } = useHostSettings();
  const { operator } = useSessionActions();
  const alerts = usePrintAlerts();
  const sale = useSaleLookup(job.saleId);
  const { printCopy } = usePrintSale(settings, { id: operator?.id ?? '', name: operator?.name ?? '' });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography sx={{ flex: 1 }}>
        {t(`copy.${job.copy}`)} · {new Date(job.createdAt).toLocaleString()} · {t(`printState.${job.state}`)}
      </Typography>
      <Button size="small" variant="outlined" onClick={() => void alerts.resolve(job, operator?.id ?? '', 'dismissed')} data-testid="interrupted-dismiss">
        {t('interrupted.cameOut')}
      </Button>
      {sale && isSaleCopy(job.copy) ? (
        <Button size="small" variant="contained" onClick={() => isSaleCopy(job.copy) && void printCopy(sale, job.copy, null, true)} data-testid="interrupted-reprint">
          {t('notPrinted.reprint')}
        </Button>
      ) : null}
    </Stack>
  );
};

/** Print jobs cut off by a crash or restart: shown once, never reprinted without the cashier. */
export const InterruptedPrints = () => {
  const { t } = useTranslation('sale');
  const { interrupted } = usePrintAlerts();
  if (interrupted.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="interrupted-prints" sx={{ mb: 2 }}>
      <AlertTitle>{t('interrupted.title')}</AlertTitle>
      <Typography sx={{ mb: 1 }}>{t('interrupted.body')}</Typography>
      <Stack spacing={1}>
        {interrupted.map((job) => (
          <Row key={job.id} job={job} />
        ))}
      </Stack>
    </Alert>
  );
};
