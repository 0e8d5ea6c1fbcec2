import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../session/SessionContext';
import { usePrintAlerts } from '../printer/usePrintAlerts';
import { usePrintSale } from './usePrintSale';
import { useSaleLookup } from './useSaleLookup';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { isSaleCopy } from '../../data/records';
import type { PrintJobRecord } from '../../data/records';
import { useShopTime } from '../session/useShopTime';

const Row = ({ job }: { job: PrintJobRecord }) => {
  const { t } = useTranslation('sale');
  const shop = useShopTime();
  const { operator } = useSessionActions();
  const alerts = usePrintAlerts();
  const sale = useSaleLookup(job.saleId);
  const printing = usePrintSale();
  const { logger } = useServices();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography sx={{ flex: 1 }}>
        {t(`copy.${job.copy}`)} · {shop.dateTime(job.createdAt)} · {t(`printState.${job.state}`)}
      </Typography>
      <Button size="small" variant="outlined" onClick={() => fireAndLog(logger, 'print.dismiss-failed', alerts.resolve(job, operator?.id ?? '', 'dismissed'))} data-testid="interrupted-dismiss">
        {t('interrupted.cameOut')}
      </Button>
      {sale && isSaleCopy(job.copy) ? (
        <Button
          size="small"
          variant="contained"
          onClick={() => {
            if (isSaleCopy(job.copy)) fireAndLog(logger, 'print.reprint-failed', printing.printCopy(sale, job.copy, null, true));
          }}
          data-testid="interrupted-reprint"
        >
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
