import { useState } from 'react';
import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { useCommand } from '../session/useCommand';
import { usePrintDeviceKey } from './usePrintDeviceKey';

/** The device's Ed25519 key: its fingerprint for the bank, and a slip that prints it. */
export const DeviceKeyPanel = () => {
  const { t } = useTranslation('about');
  const { logger } = useRoot();
  const identity = useCommand('device:identity', {});
  const print = usePrintDeviceKey();
  const [shown, setShown] = useState(false);
  const id = identity.value;
  if (!id) return null;
  return (
    <Paper sx={{ p: 3 }} data-testid="about-device-key">
      <Stack spacing={1.5}>
        <Typography variant="h6">{t('deviceKey.title')}</Typography>
        <Typography color="text.secondary">{t('deviceKey.intro')}</Typography>
        <Typography>
          {t('deviceKey.deviceId')}: <span style={{ fontFamily: 'monospace' }}>{id.deviceId}</span>
        </Typography>
        <Typography>{t('deviceKey.fingerprint')}:</Typography>
        <Typography sx={{ fontFamily: 'monospace', fontSize: 18, wordBreak: 'break-all' }} data-testid="about-fingerprint">
          {id.fingerprint.match(/.{1,4}/g)?.join(' ')}
        </Typography>
        {shown ? (
          <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {t('deviceKey.verifierKey')}: {id.verifierKey}
          </Typography>
        ) : null}
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" onClick={() => fireAndLog(logger, 'about.print-run-failed', print.run())} disabled={print.busy} data-testid="about-print-key">
            {t('deviceKey.print')}
          </Button>
          <Button onClick={() => setShown((s) => !s)}>{t('deviceKey.verifierKey')}</Button>
        </Stack>
        {print.result === 'ok' ? <Alert severity="success">{t('deviceKey.printed')}</Alert> : null}
        {print.result && print.result !== 'ok' ? <Alert severity="error">{t('deviceKey.printFailed', { reason: print.result })}</Alert> : null}
      </Stack>
    </Paper>
  );
};
