import { useEffect, useState } from 'react';
import { Button, Chip, List, ListItemButton, ListItemText, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { formatRmb } from '../../../../shared/domain/money';
import { useSessionActions } from '../session/SessionContext';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import type { ReportKind } from '../../data/records-eod';
import { ReceiptPreview } from '../printer/ReceiptPreview';
import { PrintStatus } from './PrintStatus';

/** Daily and shift reports made now, any past report (settlement slips included) shown and reprinted. */
export const ReportsPanel = () => {
  const { t } = useTranslation('settlement');
  const { logger, reports } = useServices();
  const s = useServiceSnapshot(reports);
  const operator = useSessionActions().operator;
  const operatorId = operator?.id ?? '';
  const [shiftFor, setShiftFor] = useState(operatorId);
  useEffect(() => {
    fireAndLog(logger, 'settlement.reports-panel-failed', reports.refresh());
  }, [logger, reports]);
  const make = async (kind: 'daily' | 'shift', forOperator: string = operatorId): Promise<void> => {
    const report = await reports.make(kind, operatorId, undefined, forOperator);
    await reports.print(report.id, operatorId);
  };
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Stack spacing={2} sx={{ minWidth: 360 }}>
        <Paper sx={{ p: 2 }}>
          <Stack spacing={1}>
            <Button variant="contained" onClick={() => fireAndLog(logger, 'settlement.reports-panel-failed', make('daily'))} disabled={s.printing !== null} data-testid="report-daily">
              {t('reports.daily')}
            </Button>
            <Button variant="outlined" onClick={() => fireAndLog(logger, 'settlement.reports-panel-failed', make('shift'))} disabled={s.printing !== null} data-testid="report-shift">
              {t('reports.shift')}
            </Button>
            {operator?.role === 'manager' && s.operators.length > 1 ? (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <TextField select size="small" label={t('reports.shiftFor')} value={shiftFor} onChange={(e) => setShiftFor(e.target.value)} sx={{ minWidth: 180 }}>
                  {s.operators.map((o) => (
                    <MenuItem key={o.id} value={o.id}>
                      {o.name}
                    </MenuItem>
                  ))}
                </TextField>
                <Button variant="outlined" onClick={() => fireAndLog(logger, 'settlement.reports-panel-failed', make('shift', shiftFor))} disabled={s.printing !== null}>
                  {t('reports.print')}
                </Button>
              </Stack>
            ) : null}
          </Stack>
        </Paper>
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            {t('reports.past')}
          </Typography>
          {(['settlement', 'daily', 'shift'] as ReportKind[]).map((kind) => (
            <Stack key={kind} sx={{ mt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t(`reports.kind.${kind}`)}
              </Typography>
              {s[kind].length === 0 ? <Typography variant="body2">{t('reports.none')}</Typography> : null}
              <List dense disablePadding>
                {s[kind].map((r) => (
                  <ListItemButton key={r.id} selected={s.shown?.id === r.id} onClick={() => fireAndLog(logger, 'settlement.reports-panel-failed', reports.show(r.id))} data-testid={`past-report-${kind}`}>
                    <ListItemText primary={`${r.data.batch ?? r.data.day ?? ''} ${r.data.operator?.name ?? ''}`} secondary={`${new Date(r.createdAt).toLocaleString()} · ${formatRmb(r.data.netFen)}`} />
                    {r.prints > 0 ? <Chip size="small" label={`×${r.prints}`} /> : null}
                  </ListItemButton>
                ))}
              </List>
            </Stack>
          ))}
        </Paper>
      </Stack>
      {s.shown ? (
        <Stack spacing={1} data-testid="report-shown" data-kind={s.shown.kind}>
          <Typography>{t('reports.shown', { kind: t(`reports.kind.${s.shown.kind}`), time: new Date(s.shown.createdAt).toLocaleString() })}</Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <ReceiptPreview markup={reports.markup(s.shown, null)} />
            <PrintStatus reportId={s.shown.id} />
          </Stack>
        </Stack>
      ) : null}
    </Stack>
  );
};
