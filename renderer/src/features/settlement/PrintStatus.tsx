import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useSessionActions } from '../session/SessionContext';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';

/** Print or reprint one stored report, with the outcome of the last attempt. */
export const PrintStatus = ({ reportId }: { reportId: string }) => {
  const { t } = useTranslation('settlement');
  const { t: tp } = useTranslation('printer');
  const { logger, reports } = useServices();
  const s = useServiceSnapshot(reports);
  const operatorId = useSessionActions().operator?.id ?? '';
  const last = s.lastPrint?.reportId === reportId ? s.lastPrint : null;
  return (
    <Stack spacing={1}>
      <Button variant="outlined" disabled={s.printing !== null} onClick={() => fireAndLog(logger, 'settlement.print-status-failed', reports.print(reportId, operatorId))} data-testid="report-print">
        {t('reports.reprint')}
      </Button>
      {last && last.state === 'confirmed' ? (
        <Alert severity="success" data-testid="report-printed">
          {t('reports.printed')}
        </Alert>
      ) : null}
      {last && last.state === 'failed' ? (
        <Alert severity="error" data-testid="report-print-failed">
          {t('reports.printFailed', { reason: tp(`condition.${last.failure ?? 'unknown'}`, { defaultValue: last.failure ?? '' }) })}
        </Alert>
      ) : null}
    </Stack>
  );
};
