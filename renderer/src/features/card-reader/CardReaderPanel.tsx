import { Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ViewerRole } from '../../../../shared/domain/card/mask';
import type { DeviceInfo } from '../../../../shared/ipc/commands/devices';
import { useCommand } from '../session/useCommand';
import { CardResult } from './CardResult';
import { ReaderGuidance } from './ReaderGuidance';
import { reasonKey, vidPid } from './card-text';
import { HEADLINE_SEVERITY, rowStatus } from './reader-summary';
import { useCardEvents, useCardReaders, useReaderSummary, useTestSwipe } from './useCardReaders';
import type { CardEvent } from './useCardReaders';
import { useShopTime } from '../session/useShopTime';

const STATUS_COLOR = { ready: 'success', busy: 'info', offline: 'default', error: 'error', attention: 'warning', listening: 'info' } as const;

const ReaderRow = ({ device, last }: { device: DeviceInfo; last: CardEvent | undefined }) => {
  const { t } = useTranslation('cardReader');
  const shop = useShopTime();
  const time = device.lastEventAt ? shop.time(device.lastEventAt) : null;
  return (
    <TableRow data-testid={`card-reader-row-${device.id}`}>
      <TableCell sx={{ fontWeight: 600 }}>{device.name}</TableCell>
      <TableCell>{t(`transport.${device.transport}`)}</TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>{vidPid(device.vendorId, device.productId)}</TableCell>
      <TableCell>{t(`detail.${device.detail ?? 'none'}`)}</TableCell>
      <TableCell>
        <Chip size="medium" color={STATUS_COLOR[rowStatus(device)]} label={t(`status.${rowStatus(device)}`)} data-testid="card-reader-status" data-status={rowStatus(device)} />
      </TableCell>
      <TableCell>{!time ? t('never') : last && !last.ok ? t('lastFailed', { time }) : t('lastOk', { time })}</TableCell>
    </TableRow>
  );
};

/**
 * The card-reader part of the Devices screen: readers with kind, VID:PID, mode, status and
 * last event; the virtual reader's test cards; the last swipe's masked result or translated
 * failure; setup guidance for this computer's OS. `role` decides whether the BIN is shown.
 */
export const CardReaderPanel = ({ role }: { role: ViewerRole }) => {
  const { t } = useTranslation('cardReader');
  const { t: tc } = useTranslation();
  const readers = useCardReaders();
  const summary = useReaderSummary();
  const { last, byReader } = useCardEvents();
  const testCards = useCommand('card-reader:test-cards', {});
  const info = useCommand('app:info', {});
  const testSwipe = useTestSwipe();
  const enabled = testCards.value?.enabled ?? false;
  const virtualPresent = readers.some((r) => r.virtual);

  return (
    <Stack spacing={3} data-testid="card-reader-panel">
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>

      <Paper>
        <Table>
          <TableHead>
            <TableRow>
              {(['name', 'type', 'ids', 'mode', 'status', 'lastEvent'] as const).map((c) => (
                <TableCell key={c}>{t(`columns.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {readers.map((d) => (
              <ReaderRow key={d.id} device={d} last={byReader[d.id]} />
            ))}
          </TableBody>
        </Table>
        <Alert severity={HEADLINE_SEVERITY[summary.headline]} sx={{ borderRadius: 0 }} data-testid="card-reader-summary" data-headline={summary.headline}>
          {t(`summary.${summary.headline}`, { count: summary.usbReady })}
        </Alert>
      </Paper>

      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('testCards.title')}
        </Typography>
        {enabled && virtualPresent ? (
          <>
            <Typography variant="body2">{t('testCards.hint')}</Typography>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
              {(testCards.value?.cards ?? []).map((card) => (
                <Button key={card.id} variant="outlined" size="large" sx={{ minHeight: 56, minWidth: 160 }} disabled={testSwipe.busy} data-testid={`test-card-${card.id}`} onClick={() => testSwipe.run(card.id)}>
                  {t(card.labelKey)}
                </Button>
              ))}
            </Box>
          </>
        ) : (
          <Alert severity="info">{t('testCards.off')}</Alert>
        )}
        {testSwipe.error ? (
          <Alert severity="error">{reasonKey(testSwipe.error.reason) ? t(reasonKey(testSwipe.error.reason) ?? '') : tc(`errors.${testSwipe.error.code}`, { field: testSwipe.error.field ?? '' })}</Alert>
        ) : null}
      </Stack>

      <Stack spacing={1} data-testid="card-reader-last-result">
        <Typography variant="h6" component="h2">
          {t('result.title')}
        </Typography>
        {last ? <CardResult event={last} role={role} /> : <Typography variant="body2">{t('swipeNow')}</Typography>}
      </Stack>

      <ReaderGuidance platform={info.value?.platform ?? null} />
    </Stack>
  );
};
