import { useCallback, useRef, useState } from 'react';
import { Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../shared/domain/money';
import { SALE_FILTERS } from '../../data/sales-query';
import type { SaleFilter, SaleSearch } from '../../data/sales-query';
import { GRID, ROW_HEIGHT, SaleRow } from './SaleRow';
import { SaleDetail } from './SaleDetail';
import { useFilterCounts, useSalesPage } from './useTransactions';

const PAGE = 200;

interface SearchForm {
  from: string;
  to: string;
  amount: string;
  last4: string;
  authCode: string;
  reference: string;
}

const EMPTY: SearchForm = { from: '', to: '', amount: '', last4: '', authCode: '', reference: '' };

const toSearch = (f: SearchForm): SaleSearch => ({
  from: f.from ? Date.parse(f.from) : null,
  to: f.to ? Date.parse(f.to) : null,
  amountFen: f.amount ? parseYuan(f.amount) : null,
  last4: /^\d{4}$/.test(f.last4) ? f.last4 : null,
  authCode: f.authCode.trim() || null,
  reference: f.reference.trim() || null,
});

/** Every sale as it happens: filters with counts, search, a virtual list and the detail view. */
export const TransactionsPage = ({ initialFilter = 'all' }: { initialFilter?: SaleFilter }) => {
  const { t } = useTranslation('transactions');
  const [filter, setFilter] = useState<SaleFilter>(initialFilter);
  const [form, setForm] = useState<SearchForm>(EMPTY);
  const [limit, setLimit] = useState(PAGE);
  const [open, setOpen] = useState<string | null>(null);
  const search = toSearch(form);
  const rows = useSalesPage(filter, search, limit);
  const counts = useFilterCounts();
  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React Compiler cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows?.length ?? 0, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  if (rows && rows.length >= limit && lastIndex >= rows.length - 20) setLimit(limit + PAGE);
  const onOpen = useCallback((id: string) => setOpen(id), []);
  const set = (key: keyof SearchForm) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setLimit(PAGE);
    setForm((f) => ({ ...f, [key]: e.target.value }));
  };

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {SALE_FILTERS.map((f) => (
          <Chip
            key={f}
            data-testid={`filter-${f}`}
            data-count={counts?.[f] ?? 0}
            color={f === filter ? 'primary' : 'default'}
            variant={f === filter ? 'filled' : 'outlined'}
            onClick={() => {
              setLimit(PAGE);
              setFilter(f);
            }}
            label={`${t(`filters.${f}`)} ${counts ? counts[f] : ''}`}
            sx={{ height: 44, fontSize: 15 }}
          />
        ))}
      </Stack>
      <Stack direction="row" spacing={1}>
        <TextField size="small" type="datetime-local" label={t('search.from')} value={form.from} onChange={set('from')} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="datetime-local" label={t('search.to')} value={form.to} onChange={set('to')} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" label={t('search.amount')} value={form.amount} onChange={set('amount')} slotProps={{ htmlInput: { 'data-testid': 'search-amount', inputMode: 'decimal' } }} />
        <TextField size="small" label={t('search.last4')} value={form.last4} onChange={set('last4')} slotProps={{ htmlInput: { 'data-testid': 'search-last4', maxLength: 4, inputMode: 'numeric' } }} />
        <TextField size="small" label={t('search.authCode')} value={form.authCode} onChange={set('authCode')} />
        <TextField size="small" label={t('search.reference')} value={form.reference} onChange={set('reference')} />
        <Button onClick={() => setForm(EMPTY)}>{t('search.clear')}</Button>
      </Stack>
      <Paper sx={{ flex: 1, minHeight: 300, display: 'flex', flexDirection: 'column' }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: GRID, px: 2, py: 1, gap: 1, fontWeight: 700, borderBottom: 2, borderColor: 'divider' }}>
          {(['time', 'amount', 'card', 'state', 'signature', 'kind'] as const).map((c) => (
            <Box key={c}>{t(`columns.${c}`)}</Box>
          ))}
        </Box>
        <Box ref={parent} data-testid="sales-list" sx={{ flex: 1, overflow: 'auto', minHeight: 240 }}>
          {rows && rows.length === 0 ? <Typography sx={{ p: 3 }}>{t('empty')}</Typography> : null}
          <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const sale = rows?.[item.index];
              return sale ? (
                <Box key={sale.id} sx={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                  <SaleRow sale={sale} onOpen={onOpen} />
                </Box>
              ) : null;
            })}
          </Box>
        </Box>
      </Paper>
      <SaleDetail saleId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
};
