import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../shared/domain/money';
import { SaleRow } from '../transactions/SaleRow';
import { SaleDetail } from '../transactions/SaleDetail';
import { useSmsLookup } from './useSmsLookup';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { DateField } from '../session/DateField';
import { useShopTime } from '../session/useShopTime';

/** PRODUCT problem 5: the bank SMS says charged, the customer has no slip. */
export const LookupPage = () => {
  const { logger } = useRoot();
  const { t } = useTranslation('lookup');
  const { results, find, askHost } = useSmsLookup();
  const [time, setTime] = useState('');
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [host, setHost] = useState<Record<string, string>>({});
  const shop = useShopTime();
  const at = shop.parse(time);
  const fen = parseYuan(amount);
  const ready = at !== null && fen !== null && /^\d{4}$/.test(last4);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2}>
          <DateField label={t('time')} value={time} onChange={setTime} time={shop} testId="lookup-time" minWidth={220} />
          <TextField label={t('amount')} value={amount} onChange={(e) => setAmount(e.target.value)} slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'lookup-amount' } }} />
          <TextField label={t('last4')} value={last4} onChange={(e) => setLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'lookup-last4' } }} />
          <Button variant="contained" disabled={!ready} onClick={() => fireAndLog(logger, 'lookup.failed', find(at ?? 0, fen ?? 0, last4))} data-testid="lookup-find" sx={{ minWidth: 160 }}>
            {t('find')}
          </Button>
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('window')}
        </Typography>
      </Paper>
      {results && results.length === 0 ? <Alert severity="info">{t('none')}</Alert> : null}
      {results && results.length > 0 ? (
        <Paper>
          <Typography sx={{ p: 2 }}>{t('found', { count: results.length })}</Typography>
          {results.map((sale) => (
            <Stack key={sale.id} direction="row" spacing={1} sx={{ alignItems: 'center', pr: 2 }}>
              <div style={{ flex: 1 }}>
                <SaleRow sale={sale} zone={shop.zone} onOpen={setOpen} />
              </div>
              <Button onClick={() => setOpen(sale.id)} data-testid="lookup-open">
                {t('open')}
              </Button>
              <Button onClick={() => fireAndLog(logger, 'lookup.failed', askHost(sale).then((r) => setHost((h) => ({ ...h, [sale.id]: r }))))}>{t('askHost')}</Button>
              {host[sale.id] ? <Typography data-testid="lookup-host">{t(`hostSays.${host[sale.id]}`)}</Typography> : null}
            </Stack>
          ))}
        </Paper>
      ) : null}
      <SaleDetail saleId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
};
