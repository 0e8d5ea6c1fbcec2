import { useEffect, useState } from 'react';
import { Alert, Button, Chip, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { formatRmb } from '../../../../shared/domain/money';
import { useSessionActions } from '../session/SessionContext';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { ReceiptPreview } from '../printer/ReceiptPreview';
import { ManagerPinDialog } from './ManagerPinDialog';
import { PrintStatus } from './PrintStatus';

/** 批结算: what is open, what each open item means for the batch, the close, its slip and past batches. */
export const ClosePanel = () => {
  const { t } = useTranslation('settlement');
  const { logger, endOfDay, reports } = useServices();
  const s = useServiceSnapshot(endOfDay);
  const session = useSessionActions();
  const operatorId = session.operator?.id ?? '';
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    fireAndLog(logger, 'settlement.close-panel-failed', endOfDay.refresh());
  }, [logger, endOfDay]);
  const w = s.warnings;
  const busy = s.phase !== 'idle';
  const last = s.last;
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={1}>
          <Typography variant="h6" data-testid="open-batch">
            {s.batch ? t('close.openBatch', { batch: s.batch }) : t('close.noBatch')}
          </Typography>
          <Typography data-testid="open-debits">{t('close.debits', { count: s.debit.count, amount: formatRmb(s.debit.fen) })}</Typography>
          <Typography>{t('close.credits', { count: s.credit.count, amount: formatRmb(s.credit.fen) })}</Typography>
        </Stack>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
          {t('close.warningsTitle')}
        </Typography>
        <Stack spacing={1} data-testid="close-warnings">
          {w.offline === 0 && w.unresolved === 0 && w.unsigned === 0 ? <Alert severity="success">{t('close.allClear')}</Alert> : null}
          {w.offline > 0 ? (
            <Alert severity="warning" data-testid="warning-offline">
              {t('close.offline', { count: w.offline })}
            </Alert>
          ) : null}
          {w.unresolved > 0 ? (
            <Alert severity="warning" data-testid="warning-unresolved">
              {t('close.unresolved', { count: w.unresolved })}
            </Alert>
          ) : null}
          {w.unsigned > 0 ? (
            <Alert severity="info" data-testid="warning-unsigned">
              {t('close.unsigned', { count: w.unsigned })}
            </Alert>
          ) : null}
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
          <Button variant="contained" size="large" disabled={busy || !s.batch} onClick={() => setAsking(true)} data-testid="close-batch">
            {t('close.button')}
          </Button>
          <Chip size="small" label={t('managerOnly')} />
        </Stack>
        {busy ? (
          <Stack spacing={1} sx={{ mt: 2 }} data-testid="close-phase" data-phase={s.phase}>
            <Typography>{t(`close.phase.${s.phase}`)}</Typography>
            <LinearProgress />
          </Stack>
        ) : null}
        {s.error ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="close-error" data-code={s.error.code}>
            {s.error.code === 'settle-failed' || s.error.code === 'settle-refused' ? t('close.failed', { reason: s.error.reason ?? '' }) : t(`errors.${s.error.code}`, { ns: 'common', field: '' })}
          </Alert>
        ) : null}
      </Paper>
      {last ? (
        <Paper sx={{ p: 2 }}>
          <Alert severity={last.batch.outcome === 'balanced' ? 'success' : 'warning'} data-testid="close-result" data-outcome={last.batch.outcome}>
            {t(`close.${last.batch.outcome}`, { batch: last.batch.batch, next: last.batch.nextBatch, uploaded: last.batch.uploaded })}
          </Alert>
          <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'flex-start' }}>
            <ReceiptPreview markup={reports.markup(last.slip, null)} />
            <Stack spacing={1}>
              <Typography variant="subtitle1">{t('close.slip')}</Typography>
              <PrintStatus reportId={last.slip.id} />
            </Stack>
          </Stack>
        </Paper>
      ) : null}
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('close.history')}
        </Typography>
        {s.batches.length === 0 ? <Typography color="text.secondary">{t('close.historyEmpty')}</Typography> : null}
        {s.batches.length > 0 ? (
          <Table size="small" data-testid="batch-history">
            <TableHead>
              <TableRow>
                {(['batch', 'closedAt', 'result', 'uploaded', 'slip'] as const).map((c) => (
                  <TableCell key={c}>{t(`close.column.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {s.batches.map((b) => (
                <TableRow key={b.batch} data-testid={`batch-row-${b.batch}`}>
                  <TableCell>{b.batch}</TableCell>
                  <TableCell>{new Date(b.closedAt).toLocaleString()}</TableCell>
                  <TableCell>{t(`close.outcome.${b.outcome}`)}</TableCell>
                  <TableCell>{b.uploaded}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => fireAndLog(logger, 'settlement.close-panel-failed', reports.print(b.reportId, operatorId))} data-testid={`batch-reprint-${b.batch}`}>
                      {t('close.reprint')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </Paper>
      {asking ? (
        <ManagerPinDialog
          action="close"
          onClose={() => setAsking(false)}
          onApproved={({ managerId, grantId }) => {
            setAsking(false);
            fireAndLog(logger, 'settlement.close-panel-failed', endOfDay.close(operatorId, managerId, grantId));
          }}
        />
      ) : null}
    </Stack>
  );
};
