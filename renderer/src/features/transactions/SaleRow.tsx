import { memo } from 'react';
import { Box, Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { SaleRecord } from '../../data/records';

export const ROW_HEIGHT = 56;
export const GRID = '170px 130px 130px 1fr 130px 90px';

const STATE_COLOR: Partial<Record<SaleRecord['state'], 'success' | 'error' | 'warning' | 'info'>> = {
  approved: 'success',
  declined: 'error',
  unknown: 'warning',
  authorizing: 'warning',
  'offline-accepted': 'info',
};

/** One row of the live list; memoised so scrolling only renders rows that enter the window. */
export const SaleRow = memo(({ sale, onOpen }: { sale: SaleRecord; onOpen: (id: string) => void }) => {
  const { t, i18n } = useTranslation('transactions');
  return (
    <Box
      role="row"
      tabIndex={0}
      data-testid="sale-row"
      data-sale-id={sale.id}
      onClick={() => onOpen(sale.id)}
      onKeyDown={(e) => (e.key === 'Enter' ? onOpen(sale.id) : undefined)}
      sx={{ display: 'grid', gridTemplateColumns: GRID, alignItems: 'center', height: ROW_HEIGHT, px: 2, gap: 1, borderBottom: 1, borderColor: 'divider', cursor: 'pointer', '&:hover': { bgcolor: 'action.hover' } }}
    >
      <Box>{new Date(sale.createdAt).toLocaleString(i18n.language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })}</Box>
      <Box sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{formatRmb(sale.amountFen)}</Box>
      <Box sx={{ fontFamily: 'monospace' }}>{sale.last4 ? `**** ${sale.last4}` : '—'}</Box>
      <Box>
        <Chip size="small" color={STATE_COLOR[sale.state] ?? 'default'} label={t(`state.${sale.state}`)} />
        {sale.followUp === 'open' ? <Chip size="small" color="error" variant="outlined" sx={{ ml: 1 }} label={t('filters.follow-up')} /> : null}
      </Box>
      <Box sx={{ color: sale.signatureState === 'unsigned' ? 'error.main' : undefined, fontWeight: sale.signatureState === 'unsigned' ? 700 : 400 }}>{t(`signature.${sale.signatureState}`)}</Box>
      <Box>{t(`kind.${sale.kind}`)}</Box>
    </Box>
  );
});
SaleRow.displayName = 'SaleRow';
