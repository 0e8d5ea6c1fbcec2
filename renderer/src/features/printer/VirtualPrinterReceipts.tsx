import { Alert, Box, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VirtualPrinterStateName } from '../../../../shared/ipc/commands/printer';
import { useVirtualPrinter } from './useVirtualPrinter';
import type { VirtualReceiptView } from './useVirtualPrinter';
import { useShopTime } from '../session/useShopTime';

const STATES: VirtualPrinterStateName[] = ['online', 'paper-near-end', 'paper-end', 'cover-open', 'offline', 'drop-mid-job'];

const Receipt = ({ receipt }: { receipt: VirtualReceiptView }) => {
  const { t } = useTranslation('printer');
  const shop = useShopTime();
  const [view, setView] = useState<'image' | 'text'>(receipt.pngDataUrl ? 'image' : 'text');
  return (
    <Paper variant="outlined" sx={{ p: 1.5, width: 340 }} data-testid="virtual-receipt">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="body2" color="text.secondary">
          {t('virtual.receivedAt', { time: shop.time(receipt.at), bytes: receipt.byteCount })}
        </Typography>
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: 'image' | 'text' | null) => v && setView(v)}>
          <ToggleButton value="image" disabled={!receipt.pngDataUrl}>
            {t('virtual.showImage')}
          </ToggleButton>
          <ToggleButton value="text">{t('virtual.showText')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {view === 'image' && receipt.pngDataUrl ? (
        <img src={receipt.pngDataUrl} alt={t('virtual.imageAlt')} style={{ width: '100%', display: 'block', border: '1px solid #ddd' }} />
      ) : (
        <Box component="pre" sx={{ m: 0, fontSize: 11, lineHeight: 1.35, overflowX: 'auto', bgcolor: '#fff', p: 1, border: '1px solid #ddd' }}>
          {receipt.text}
        </Box>
      )}
    </Paper>
  );
};

/** What the virtual printer received (training), with switches that make it fail on purpose. */
export const VirtualPrinterReceipts = ({ limit = 5 }: { limit?: number }) => {
  const { t } = useTranslation('printer');
  const { t: tc } = useTranslation();
  const printer = useVirtualPrinter(limit);
  return (
    <Stack spacing={2} data-testid="virtual-printer">
      <Typography variant="h6" component="h2">
        {t('virtual.title')}
      </Typography>
      {printer.error ? (
        <Alert severity="error" data-testid="virtual-printer-error">
          {tc(`errors.${printer.error.code}`, { field: printer.error.field ?? '' })}
        </Alert>
      ) : null}
      {!printer.running ? (
        <Alert severity="info">{t('virtual.off')}</Alert>
      ) : (
        <>
          <Typography color="text.secondary">{t('virtual.hint')}</Typography>
          {printer.address ? <Typography variant="body2">{t('virtual.address', { address: printer.address })}</Typography> : null}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            <Typography>{t('virtual.state')}:</Typography>
            <ToggleButtonGroup exclusive value={printer.state} onChange={(_e, v: VirtualPrinterStateName | null) => v && printer.setState(v)}>
              {STATES.map((s) => (
                <ToggleButton key={s} value={s} sx={{ minHeight: 48 }} data-testid={`virtual-state-${s}`}>
                  {t(`virtual.states.${s}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Stack>
          {printer.receipts.length === 0 ? (
            <Alert severity="info">{t('virtual.none')}</Alert>
          ) : (
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2, alignItems: 'flex-start' }}>
              {printer.receipts.map((r) => (
                <Receipt key={r.id} receipt={r} />
              ))}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
};
