import { useState } from 'react';
import { Alert, Button, Checkbox, FormControlLabel, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../shared/domain/money';
import { SaleRow } from '../transactions/SaleRow';
import { SaleDetail } from '../transactions/SaleDetail';
import { useSmsLookup } from './useSmsLookup';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { DateField } from '../session/DateField';
import { useShopTime } from '../session/useShopTime';
import { useServices } from '../session/ServicesContext';
import { OpenCaseDialog } from '../cases/OpenCaseDialog';
import { CaseDetail } from '../cases/CaseDetail';
import { AttachmentPreview } from '../transactions/AttachmentPreview';

/** PRODUCT problem 5: the bank SMS says charged, the customer has no slip. */
export const LookupPage = () => {
  const { logger } = useRoot();
  const { t } = useTranslation('lookup');
  const { t: tc } = useTranslation('cases');
  const { cases } = useServices();
  const [picked, setPicked] = useState<string[]>([]);
  const [opening, setOpening] = useState(false);
  const [caseShown, setCaseShown] = useState<string | null>(null);
  const [slip, setSlip] = useState<string | null>(null);
  const [asked, setAsked] = useState<{ at: number; amountFen: number; last4: string } | null>(null);
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
          <Button variant="contained" disabled={!ready} onClick={() => {
              const q = { at: at ?? 0, amountFen: fen ?? 0, last4 };
              setAsked(q);
              setSlip(null);
              fireAndLog(logger, 'lookup.failed', find(q.at, q.amountFen, q.last4).then(() => setPicked([])));
            }} data-testid="lookup-find" sx={{ minWidth: 160 }}>
            {t('find')}
          </Button>
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('window')}
        </Typography>
      </Paper>
      {results && results.length === 0 ? (
        <Alert
          severity="info"
          data-testid="lookup-none"
          action={
            asked ? (
              <Button color="inherit" onClick={() => fireAndLog(logger, 'lookup.slip-failed', cases.printLookupSlip(asked).then(setSlip))} data-testid="lookup-print-none">
                {tc('sms.printNone')}
              </Button>
            ) : null
          }
        >
          {t('none')} {tc('sms.noneRecorded')}
          {slip ? <span data-testid="lookup-none-printed" data-state={slip}> {tc('sms.printed', { state: slip })}</span> : null}
        </Alert>
      ) : null}
      {results && results.length > 0 ? (
        <Paper>
          <Typography sx={{ p: 2 }}>{t('found', { count: results.length })}</Typography>
          {results.map((sale) => (
            <Stack key={sale.id} direction="row" spacing={1} sx={{ alignItems: 'center', pr: 2 }}>
              <div style={{ flex: 1 }}>
                <SaleRow sale={sale} zone={shop.zone} onOpen={setOpen} />
              </div>
              <FormControlLabel
                control={<Checkbox checked={picked.includes(sale.id)} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, sale.id] : p.filter((id) => id !== sale.id)))} slotProps={{ input: { 'aria-label': tc('sms.select') } }} data-testid="lookup-pick" />}
                label={tc('sms.select')}
              />
              <Button onClick={() => setOpen(sale.id)} data-testid="lookup-open">
                {t('open')}
              </Button>
              <Button onClick={() => fireAndLog(logger, 'lookup.failed', askHost(sale).then((r) => setHost((h) => ({ ...h, [sale.id]: r }))))}>{t('askHost')}</Button>
              {host[sale.id] ? <Typography data-testid="lookup-host">{t(`hostSays.${host[sale.id]}`)}</Typography> : null}
            </Stack>
          ))}
        </Paper>
      ) : null}
      {results && results.length > 0 ? (
        <Button variant="contained" disabled={picked.length === 0} onClick={() => setOpening(true)} data-testid="lookup-open-case" sx={{ alignSelf: 'flex-start' }}>
          {tc('sms.openWith')}
        </Button>
      ) : null}
      {opening ? (
        <OpenCaseDialog
          saleIds={picked}
          origin="sms"
          onClose={() => setOpening(false)}
          onOpened={(c) => {
            setOpening(false);
            setCaseShown(c.id);
          }}
        />
      ) : null}
      <SaleDetail saleId={open} onClose={() => setOpen(null)} />
      <CaseDetail caseId={caseShown} onClose={() => setCaseShown(null)} views={{ preview: AttachmentPreview, saleView: (id, close) => <SaleDetail saleId={id} onClose={close} /> }} />
    </Stack>
  );
};
