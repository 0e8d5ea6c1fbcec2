import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useDueCounts, useNow } from './useCases';

const CHIP = { fontWeight: 700, flexShrink: 0, whiteSpace: 'nowrap' } as const;

/** App-bar badges: cases overdue (red) and due within two days (amber); each opens the cases screen. */
export const CasesBadge = ({ onOpen }: { onOpen: () => void }) => {
  const { t } = useTranslation('cases');
  const now = useNow();
  const due = useDueCounts(now);
  if (!due) return null;
  return (
    <>
      {due.overdue > 0 ? <Chip data-testid="cases-overdue-badge" data-count={due.overdue} color="error" onClick={onOpen} label={t('badge.overdue', { count: due.overdue })} sx={CHIP} /> : null}
      {due.dueSoon > 0 ? <Chip data-testid="cases-due-soon-badge" data-count={due.dueSoon} onClick={onOpen} label={t('badge.dueSoon', { count: due.dueSoon })} sx={{ ...CHIP, bgcolor: '#f2a900', color: '#111' }} /> : null}
    </>
  );
};
