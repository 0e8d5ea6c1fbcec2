import { useEffect, useState } from 'react';
import { Alert, Button, FormControlLabel, List, ListItem, ListItemText, MenuItem, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { envelopeErrorText } from '../session/error-text';
import { VirtualPrinterStateSchema } from '../../../../shared/ipc/commands/printer';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import { useHostSettings } from '../session/HostSettingsContext';
import { useTrainingControls } from './useTrainingControls';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { DamageSignedFieldPanel } from '../signature-check/DamageSignedFieldPanel';

const CODES = ['00', '51', '05', '14', '54', '61', '91', '96', '13', '98', '99'] as const;

/** The Training panel: the simulated host's table, latency and outage switch, the virtual printer's state. */
export const TrainingPage = () => {
  const { logger } = useRoot();
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation();
  const { settings } = useHostSettings();
  const controls = useTrainingControls();
  const [latency, setLatency] = useState(String(settings.acquirer.simulatedLatencyMs));
  const [printerState, setPrinterState] = useState<VirtualPrinterStateName>('online');
  const [unbalanced, setUnbalanced] = useState(false);
  const { readSettlement } = controls;
  useEffect(() => {
    fireAndLog(logger, 'training.training-page-failed', readSettlement().then((mode) => setUnbalanced(mode === 'unbalanced')));
  }, [logger, readSettlement]);
  return (
    <Stack spacing={3} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      {controls.error ? (
        <Alert severity="error" data-testid="training-error">
          {envelopeErrorText(tc, controls.error)}
        </Alert>
      ) : null}
      <Paper sx={{ p: 3 }}>
        <Typography>{t('intro')}</Typography>
        <List dense>
          {CODES.map((code) => (
            <ListItem key={code}>
              <ListItemText primary={t(`table.${code}`)} />
            </ListItem>
          ))}
        </List>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <TextField label={t('latency')} value={latency} onChange={(e) => setLatency(e.target.value.replace(/\D/g, ''))} sx={{ maxWidth: 220 }} />
          <Button variant="outlined" onClick={() => fireAndLog(logger, 'training.switch-failed', controls.simulator({ latencyMs: Number(latency) || 0 }))}>
            {t('apply')}
          </Button>
          <FormControlLabel
            control={<Switch checked={settings.acquirer.simulatedOutage} onChange={(e) => fireAndLog(logger, 'training.switch-failed', controls.simulator({ outage: e.target.checked }))} data-testid="training-outage" />}
            label={t('outage')}
          />
        </Stack>
        <FormControlLabel
          control={
            <Switch
              checked={unbalanced}
              onChange={(e) => fireAndLog(logger, 'training.training-page-failed', controls.settlement(e.target.checked ? 'unbalanced' : 'auto').then((mode) => setUnbalanced(mode === 'unbalanced')))}
              slotProps={{ input: { 'aria-label': t('settleUnbalanced') } }}
              data-testid="training-settle-unbalanced"
            />
          }
          label={t('settleUnbalanced')}
        />
        {settings.acquirer.simulatedOutage ? (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('outageOn')}
          </Alert>
        ) : null}
      </Paper>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h6">{t('printer')}</Typography>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
          <TextField select value={printerState} onChange={(e) => setPrinterState(e.target.value as VirtualPrinterStateName)} sx={{ minWidth: 260 }} slotProps={{ htmlInput: { 'data-testid': 'training-printer-state' } }}>
            {VirtualPrinterStateSchema.options.map((s) => (
              <MenuItem key={s} value={s}>
                {t(`printerState.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" onClick={() => fireAndLog(logger, 'training.switch-failed', controls.printer(printerState))} data-testid="training-printer-apply">
            {t('apply')}
          </Button>
        </Stack>
      </Paper>
      <DamageSignedFieldPanel />
    </Stack>
  );
};
