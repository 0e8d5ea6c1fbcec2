import { useEffect, useState } from 'react';
import { Alert, Chip, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useUnsignedSummary } from '../features/follow-up/useUnsignedSummary';
import { useNotPrintedCount } from '../features/sale/useSalePrintJobs';

const ageOf = (ms: number): { key: 'age.minutes' | 'age.hours' | 'age.days'; n: number } => {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { key: 'age.minutes', n: minutes };
  if (minutes < 48 * 60) return { key: 'age.hours', n: Math.floor(minutes / 60) };
  return { key: 'age.days', n: Math.floor(minutes / 1440) };
};

/**
 * App-bar status: unsigned sales with the oldest's age, copies not printed, and a reminder
 * at the configured interval until every unsigned sale is resolved.
 */
export const StatusBadges = ({ reminderMinutes, onOpen }: { reminderMinutes: number; onOpen: (section: string) => void }) => {
  const { t } = useTranslation('sale');
  const unsigned = useUnsignedSummary();
  const failed = useNotPrintedCount() ?? 0;
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
      {count > 0 ? (
        <Chip
          data-testid="unsigned-badge"
          data-count={count}
          color="warning"
          onClick={() => onOpen('transactions')}
          label={t('unsignedBadge', { count, age: t(age.key, { n: age.n }) })}
          sx={{ fontWeight: 700, bgcolor: '#f2a900', color: '#111' }}
        />
      ) : null}
      {failed > 0 ? <Chip data-testid="not-printed-badge" color="error" onClick={() => onOpen('transactions')} label={t('notPrinted.appBar', { count: failed })} sx={{ fontWeight: 700 }} /> : null}
      <Snackbar open={remind && count > 0} onClose={() => setRemind(false)} autoHideDuration={20_000} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="warning" onClose={() => setRemind(false)} data-testid="unsigned-reminder">
          {t('reminder', { count })}
        </Alert>
      </Snackbar>
    </>
  );
};
