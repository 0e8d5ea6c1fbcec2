import { Alert, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PrinterState } from '../../../../shared/ipc/commands/printer';
import { useTestPrint } from './usePrintJob';
import { usePrinterStatus } from './usePrinterStatus';
import { VirtualPrinterReceipts } from './VirtualPrinterReceipts';
import { useShopTime } from '../session/useShopTime';

type Severity = 'success' | 'info' | 'warning' | 'error';

const severityOf = (condition: PrinterState['condition']): Severity => {
  if (condition === 'ready') return 'success';
  if (condition === 'checking') return 'info';
  if (condition === 'paper-near-end') return 'warning';
  return 'error';
};

/**
 * The printer part of the Devices screen: which printer, its live status with what it means
 * and what to do, a test print and a paper-width check; in training, the virtual printer.
 */
export const PrinterPanel = () => {
  const { t } = useTranslation('printer');
  const shop = useShopTime();
  const { state, refresh, checking } = usePrinterStatus();
  const test = useTestPrint();
  const condition = state?.condition ?? 'checking';
  const severity = severityOf(condition);
  return (
    <Stack spacing={3} data-testid="printer-panel">
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            <Typography sx={{ fontWeight: 600 }}>{state ? t(`transport.${state.transport}`) : t('printer')}</Typography>
            {state ? <Typography sx={{ fontFamily: 'monospace' }}>{state.printer}</Typography> : null}
            <Chip color={severity === 'info' ? 'default' : severity} label={state?.busy ? t('busy') : t(`condition.${condition}`)} data-testid="printer-condition" />
          </Stack>
          {state ? (
            <Typography color="text.secondary">
              {t('paper', { width: state.paperWidth, dots: state.dotsPerLine, chinese: t(`chinese.${state.chinese}`) })} ·{' '}
              {state.checkedAt ? t('checkedAt', { time: shop.time(state.checkedAt) }) : t('neverChecked')}
            </Typography>
          ) : null}
          <Alert severity={severity} data-testid="printer-todo">
            {t(`todo.${condition}`)}
          </Alert>
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            <Button size="large" variant="outlined" onClick={refresh} disabled={checking}>
              {t('actions.refresh')}
            </Button>
            <Button size="large" variant="contained" onClick={() => test.run('test')} disabled={test.busy} data-testid="printer-test-print">
              {t('actions.testPrint')}
            </Button>
            <Button size="large" variant="outlined" onClick={() => test.run('width-check')} disabled={test.busy}>
              {t('actions.widthCheck')}
            </Button>
          </Stack>
          {test.result ? (
            <Alert severity={test.result.state === 'confirmed' ? 'success' : 'error'} data-testid="printer-test-result">
              {test.result.state === 'confirmed' ? t('result.confirmed') : t('result.failed', { reason: t(`condition.${test.result.failure ?? 'io-error'}`) })}
              {test.result.failure ? ` ${t(`todo.${test.result.failure}`)}` : ''}
            </Alert>
          ) : null}
          {test.error ? <Alert severity="error">{t('result.failed', { reason: test.error })}</Alert> : null}
        </Stack>
      </Paper>
      {state?.transport === 'virtual' ? <VirtualPrinterReceipts /> : null}
    </Stack>
  );
};
