import { useEffect, useState } from 'react';
import { Alert, Button, Chip, FormControl, InputLabel, LinearProgress, MenuItem, Paper, Select, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { MATCH_KINDS } from '../../../../shared/domain/reconciliation/match-types';
import { useSessionActions } from '../session/SessionContext';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { ManagerPinDialog } from './ManagerPinDialog';
import { QueueItemCard } from './QueueItemCard';

/** 三单合一: match a range of days, the summary, the mismatch queue, and locking resolved days. */
export const ReconcilePanel = () => {
  const { t } = useTranslation('settlement');
  const { logger, reconcile } = useServices();
  const s = useServiceSnapshot(reconcile);
  const operatorId = useSessionActions().operator?.id ?? '';
  const [from, setFrom] = useState(s.from);
  const [to, setTo] = useState(s.to);
  const [rate, setRate] = useState('');
  const [locking, setLocking] = useState<string | null>(null);
  useEffect(() => {
    fireAndLog(logger, 'settlement.reconcile-panel-failed', reconcile.loadOptions().then(() => {
      const bp = reconcile.getSnapshot().options.feeRateBp;
      setRate(bp === null ? '' : (bp / 100).toFixed(2));
    }));
  }, [logger, reconcile]);
  const saveRate = (): void => {
    const pct = rate.trim() === '' ? null : Number(rate);
    if (pct !== null && (!Number.isFinite(pct) || pct < 0 || pct > 10)) return;
    fireAndLog(logger, 'settlement.reconcile-panel-failed', reconcile.setOptions({ feeRateBp: pct === null ? null : Math.round(pct * 100) }));
  };
  const e = s.error;
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField type="date" size="small" sx={{ width: 200 }} label={t('reconcile.from')} value={from} onChange={(ev) => setFrom(ev.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'recon-from' } }} />
          <TextField type="date" size="small" sx={{ width: 200 }} label={t('reconcile.to')} value={to} onChange={(ev) => setTo(ev.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'recon-to' } }} />
          <Button variant="contained" disabled={s.running || !from || !to || from > to} onClick={() => fireAndLog(logger, 'settlement.reconcile-panel-failed', reconcile.run(from, to))} data-testid="recon-run">
            {t('reconcile.run')}
          </Button>
          {s.lastRunAt ? <Typography variant="body2">{t('reconcile.lastRun', { time: new Date(s.lastRunAt).toLocaleString() })}</Typography> : null}
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {t('reconcile.options')}
          </Typography>
          <TextField size="small" label={t('reconcile.feeRate')} value={rate} onChange={(ev) => setRate(ev.target.value)} onBlur={saveRate} slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'recon-fee-rate' } }} sx={{ width: 180 }} />
          <FormControl size="small" sx={{ minWidth: 200 }}>
            <InputLabel>{t('reconcile.depositBy')}</InputLabel>
            <Select label={t('reconcile.depositBy')} value={s.options.depositBy} onChange={(ev) => fireAndLog(logger, 'settlement.reconcile-panel-failed', reconcile.setOptions({ depositBy: ev.target.value === 'batch' ? 'batch' : 'day' }))} inputProps={{ 'data-testid': 'recon-deposit-by' }}>
              <MenuItem value="day">{t('reconcile.depositByOptions.day')}</MenuItem>
              <MenuItem value="batch">{t('reconcile.depositByOptions.batch')}</MenuItem>
            </Select>
          </FormControl>
        </Stack>
        {s.running ? (
          <Stack sx={{ mt: 2 }}>
            <Typography>{t('reconcile.running')}</Typography>
            <LinearProgress />
          </Stack>
        ) : null}
        {e ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="recon-error" data-code={e.code}>
            {t(`reconcile.errors.${e.code}`, { defaultValue: t('reconcile.errors.INTERNAL'), ...(e.detail ?? {}) })}
          </Alert>
        ) : null}
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('reconcile.summary')}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }} data-testid="recon-summary">
          {MATCH_KINDS.filter((k) => (s.counts[k] ?? 0) > 0).map((k) => (
            <Chip key={k} label={`${t(`reconcile.kinds.${k}`)} ${s.counts[k] ?? 0}`} color={k === 'matched' || k === 'deposit-matched' ? 'success' : 'warning'} data-testid={`recon-count-${k}`} data-count={s.counts[k] ?? 0} />
          ))}
        </Stack>
        <Stack spacing={1} sx={{ mt: 2 }} data-testid="recon-days">
          {s.days.map((d) => (
            <Stack key={d.day} direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid={`recon-day-${d.day}`} data-locked={d.locked ? 'yes' : 'no'}>
              <Typography>{t('reconcile.dayLine', { day: d.day, open: d.open })}</Typography>
              {d.locked ? (
                <Chip size="small" color="success" label={t('reconcile.locked', { time: new Date(d.locked.lockedAt).toLocaleString() })} />
              ) : (
                <Button size="small" variant="outlined" onClick={() => setLocking(d.day)} data-testid={`recon-lock-${d.day}`}>
                  {t('reconcile.lock')}
                </Button>
              )}
            </Stack>
          ))}
        </Stack>
      </Paper>
      <Stack spacing={1}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('reconcile.queue')}
        </Typography>
        {s.queue.length === 0 && s.lastRunAt ? <Alert severity="success">{t('reconcile.queueEmpty')}</Alert> : null}
        <Stack spacing={1} data-testid="recon-queue">
          {s.queue.map((item) => (
            <QueueItemCard key={item.key} item={item} locked={Boolean(s.days.find((d) => d.day === item.day)?.locked)} />
          ))}
        </Stack>
      </Stack>
      {locking ? (
        <ManagerPinDialog
          action="lock"
          onClose={() => setLocking(null)}
          onApproved={({ managerId }) => {
            const day = locking;
            setLocking(null);
            fireAndLog(logger, 'settlement.reconcile-panel-failed', reconcile.lock(day, operatorId, managerId));
          }}
        />
      ) : null}
    </Stack>
  );
};
