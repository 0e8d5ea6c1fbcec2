import { useEffect, useState } from 'react';
import { Alert, Chip, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useUnsignedSummary } from '../features/follow-up/useUnsignedSummary';
import { useNotPrintedCount } from '../features/sale/useSalePrintJobs';
import { usePrinterStatus } from '../features/printer/usePrinterStatus';
import { useReaderSummary } from '../features/card-reader/useCardReaders';
import { HEADLINE_SEVERITY } from '../features/card-reader/reader-summary';
import { useOfflinePendingCount } from '../features/transactions/useTransactions';
import type { PrinterState } from '../../../shared/ipc/commands/printer';
import type { Go } from './Shell';

const ageOf = (ms: number): { key: 'age.minutes' | 'age.hours' | 'age.days'; n: number } => {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { key: 'age.minutes', n: minutes };
  if (minutes < 48 * 60) return { key: 'age.hours', n: Math.floor(minutes / 60) };
  return { key: 'age.days', n: Math.floor(minutes / 1440) };
};

const CHIP = { fontWeight: 700, flexShrink: 0, whiteSpace: 'nowrap' } as const;
const AMBER = { ...CHIP, bgcolor: '#f2a900', color: '#111' } as const;

const printerTone = (state: PrinterState | null): 'success' | 'warning' | 'error' | 'default' => {
  const c = state?.condition ?? 'checking';
  if (c === 'checking') return 'default';
  if (c === 'ready') return 'success';
  return c === 'paper-near-end' ? 'warning' : 'error';
};

/** The printer as main last read it (DLE EOT, polled while idle): visible before a card is taken. */
const PrinterIndicator = ({ go }: { go: Go }) => {
  const { t } = useTranslation('printer');
  const { state } = usePrinterStatus();
  const condition = state?.condition ?? 'checking';
  const tone = printerTone(state);
  const label = t('short', { state: state?.busy ? t('busy') : condition === 'checking' ? t('shortChecking') : t(`condition.${condition}`) });
  return <Chip data-testid="printer-indicator" data-condition={condition} color={tone} label={label} onClick={() => go('devices')} sx={tone === 'warning' ? AMBER : { ...CHIP, ...(tone === 'default' ? { bgcolor: 'rgba(255,255,255,0.85)' } : {}) }} />;
};

const ReaderIndicator = ({ go }: { go: Go }) => {
  const { t } = useTranslation('cardReader');
  const readers = useReaderSummary();
  const tone = HEADLINE_SEVERITY[readers.headline];
  const color = tone === 'info' ? 'default' : tone;
  return (
    <Chip
      data-testid="reader-indicator"
      data-headline={readers.headline}
      color={color}
      label={t(`short.${readers.headline}`)}
      onClick={() => go('devices')}
      sx={tone === 'warning' ? AMBER : { ...CHIP, ...(color === 'default' ? { bgcolor: 'rgba(255,255,255,0.85)' } : {}) }}
    />
  );
};

/**
 * The status strip: printer and reader, offline sales waiting to be forwarded, unsigned sales
 * with the oldest's age, copies not printed (each opens the matching list filter), and a
 * reminder at the configured interval until every unsigned sale is resolved. Every figure is
 * read from the records (running counters, the print journal), never kept by hand.
 */
export const StatusBadges = ({ reminderMinutes, go }: { reminderMinutes: number; go: Go }) => {
  const { t } = useTranslation('sale');
  const unsigned = useUnsignedSummary();
  const failed = useNotPrintedCount() ?? 0;
  const offline = useOfflinePendingCount() ?? 0;
  const [now, setNow] = useState(() => Date.now());
  const [remind, setRemind] = useState(false);
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(tick);
  }, []);
  const count = unsigned?.count ?? 0;
  useEffect(() => {
    if (count === 0) return;
    const timer = window.setInterval(() => setRemind(true), reminderMinutes * 60_000);
    return () => window.clearInterval(timer);
  }, [count, reminderMinutes]);
  const age = ageOf(now - (unsigned?.oldestAt ?? now));
  return (
    <>
      <PrinterIndicator go={go} />
      <ReaderIndicator go={go} />
      {offline > 0 ? (
        <Chip data-testid="offline-badge" data-count={offline} color="info" onClick={() => go('transactions', { filter: 'offline-pending' })} label={t('offlineBadge', { count: offline })} sx={{ ...CHIP, bgcolor: '#e3f2fd', color: '#0b3954' }} />
      ) : null}
      {count > 0 ? (
        <Chip
          data-testid="unsigned-badge"
          data-count={count}
          color="warning"
          onClick={() => go('transactions', { filter: 'unsigned' })}
          label={t('unsignedBadge', { count, age: t(age.key, { n: age.n }) })}
          sx={AMBER}
        />
      ) : null}
      {failed > 0 ? <Chip data-testid="not-printed-badge" data-count={failed} color="error" onClick={() => go('transactions', { filter: 'not-printed' })} label={t('notPrinted.appBar', { count: failed })} sx={CHIP} /> : null}
      <Snackbar open={remind && count > 0} onClose={() => setRemind(false)} autoHideDuration={20_000} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="warning" onClose={() => setRemind(false)} data-testid="unsigned-reminder">
          {t('reminder', { count })}
        </Alert>
      </Snackbar>
    </>
  );
};
