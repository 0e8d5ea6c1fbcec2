import { memo, useCallback, useMemo, useState } from 'react';
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../shared/domain/money';
import type { SaleSearch } from '../../data/sales-query';
import { SALE_FILTERS } from '../../data/sales-views';
import type { SaleFilter } from '../../data/sales-views';
import { ExportListActions } from '../evidence/ExportListActions';
import { SaleDetail } from './SaleDetail';
import { rowColours } from './row-styles';
import { SalesList } from './SalesList';
import { useAfterFirstRows, useFilterCounts, useSaleWindow } from './useTransactions';
import { DateField } from '../session/DateField';
import { useShopTime } from '../session/useShopTime';
import type { ShopTime } from '../session/useShopTime';

interface SearchForm {
  from: string;
  to: string;
  amount: string;
  last4: string;
  authCode: string;
  reference: string;
}

const EMPTY: SearchForm = { from: '', to: '', amount: '', last4: '', authCode: '', reference: '' };

/** The search row's height (the clear button's 48 px touch target), kept while it is not drawn. */
const SEARCH_HEIGHT = 48;

const toSearch = (f: SearchForm, time: ShopTime): SaleSearch => ({
  from: f.from.trim() ? time.parse(f.from, 'start') : null,
  to: f.to.trim() ? time.parse(f.to, 'end') : null,
  amountFen: f.amount ? parseYuan(f.amount) : null,
  last4: /^\d{4}$/.test(f.last4) ? f.last4 : null,
  authCode: f.authCode.trim() || null,
  reference: f.reference.trim() || null,
});

/**
 * The filters with their running counts; counts change without re-rendering the page. Plain
 * buttons styled as chips (sales-list.css): ten MUI Chips cost ~10 ms to create on a cold page.
 */
const FilterChips = memo(({ filter, onFilter }: { filter: SaleFilter; onFilter: (f: SaleFilter) => void }) => {
  const { t } = useTranslation('transactions');
  const theme = useTheme();
  const colours = useMemo(() => rowColours(theme), [theme]);
  const counts = useFilterCounts();
  return (
    <div className="cs-filters" style={colours} role="group" aria-label={t('filters.label')}>
      {SALE_FILTERS.map((f) => (
        <button key={f} type="button" className="cs-filter" aria-pressed={f === filter} data-testid={`filter-${f}`} data-count={counts?.[f] ?? 0} onClick={() => onFilter(f)}>
          {`${t(`filters.${f}`)} ${counts ? counts[f] : ''}`}
        </button>
      ))}
    </div>
  );
});
FilterChips.displayName = 'FilterChips';

/**
 * The search fields. They are drawn once the list has painted its first rows, in space kept
 * for them: six text fields take ~30 ms to create on a cold page, and the cashier opening the
 * list wants the latest sales first. Dates are typed in the shop's zone (DateField).
 */
const SearchBar = memo(({ form, onForm, shown, time }: { form: SearchForm; onForm: (update: (f: SearchForm) => SearchForm) => void; shown: boolean; time: ShopTime }) => {
  const { t } = useTranslation('transactions');
  const set = (key: keyof SearchForm) => (e: React.ChangeEvent<HTMLInputElement>) => onForm((f) => ({ ...f, [key]: e.target.value }));
  const setText = (key: keyof SearchForm) => (text: string) => onForm((f) => ({ ...f, [key]: text }));
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ minHeight: SEARCH_HEIGHT, flexWrap: 'wrap' }} data-testid="search-bar" data-ready={shown}>
      {shown ? (
        <>
          <DateField size="small" label={t('search.from')} value={form.from} onChange={setText('from')} time={time} testId="search-from" minWidth={190} />
          <DateField size="small" label={t('search.to')} value={form.to} onChange={setText('to')} time={time} bound="end" testId="search-to" minWidth={190} />
          <TextField size="small" sx={{ width: 120 }} label={t('search.amount')} value={form.amount} onChange={set('amount')} slotProps={{ htmlInput: { 'data-testid': 'search-amount', inputMode: 'decimal' } }} />
          <TextField size="small" sx={{ width: 110 }} label={t('search.last4')} value={form.last4} onChange={set('last4')} slotProps={{ htmlInput: { 'data-testid': 'search-last4', maxLength: 4, inputMode: 'numeric' } }} />
          <TextField size="small" sx={{ width: 120 }} label={t('search.authCode')} value={form.authCode} onChange={set('authCode')} />
          <TextField size="small" sx={{ width: 200 }} label={t('search.reference')} value={form.reference} onChange={set('reference')} />
          <Button onClick={() => onForm(() => EMPTY)} sx={{ flexShrink: 0 }}>
            {t('search.clear')}
          </Button>
        </>
      ) : null}
    </Stack>
  );
});
SearchBar.displayName = 'SearchBar';

/** Every sale as it happens: filters with counts, search, a virtual list and the detail view. */
export const TransactionsPage = ({ initialFilter = 'all' }: { initialFilter?: SaleFilter }) => {
  const { t } = useTranslation('transactions');
  const [filter, setFilter] = useState<SaleFilter>(initialFilter);
  const [form, setForm] = useState<SearchForm>(EMPTY);
  const [open, setOpen] = useState<string | null>(null);
  // The detail drawer (and its live queries) is mounted once a sale is first opened.
  const [detailUsed, setDetailUsed] = useState(false);
  const time = useShopTime();
  const search = useMemo(() => toSearch(form, time), [form, time]);
  const view = useSaleWindow(filter, search);
  const onOpen = useCallback((id: string) => {
    setDetailUsed(true);
    setOpen(id);
  }, []);
  const searchShown = useAfterFirstRows(view);

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <FilterChips filter={filter} onFilter={setFilter} />
      <SearchBar form={form} onForm={setForm} shown={searchShown} time={time} />
      {searchShown ? <ExportListActions filter={filter} search={search} listName={`list-${filter}`} /> : null}
      <SalesList view={view} onOpen={onOpen} />
      {detailUsed ? <SaleDetail saleId={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
};
