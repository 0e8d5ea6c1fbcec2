import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { Paper } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { SaleRecord } from '../../data/records';
import { rowLabels } from './row-labels';
import { useShopTime } from '../session/useShopTime';
import type { RowLabels } from './row-labels';
import { COLUMNS, rowColours } from './row-styles';
import type { SaleWindow } from './sale-window';
import { ListRow, ROW_HEIGHT, rowElementId } from './SaleRow';
import { useSaleWindowRows } from './useTransactions';
import { afterPaint } from './schedule';

const OVERSCAN = 6;

/**
 * Where the first row on screen went: rows added or dropped above it (a page loaded or dropped
 * at the top of the window, a new sale) must not move what the cashier is looking at.
 */
const anchoredOffset = (before: readonly SaleRecord[], after: readonly SaleRecord[], scrollTop: number): number | null => {
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const index = new Map(after.map((s, i) => [s.id, i]));
  // The first row may have left (a sale leaving the filter): the next one that stayed will do.
  for (let i = first; i < Math.min(before.length, first + 50); i++) {
    const row = before[i];
    const now = row ? index.get(row.id) : undefined;
    if (now !== undefined) return now === i ? null : scrollTop + (now - i) * ROW_HEIGHT;
  }
  return null;
};

/**
 * Always the same number of rows (the view plus overscan), so that with rows keyed by index
 * modulo that number a row leaving at one end is the element reused at the other.
 */
const fixedRange = (r: Range, slots: number, overscan: boolean): number[] => {
  const end = Math.min(r.count - 1, Math.max(0, r.startIndex - OVERSCAN) + slots - 1);
  const start = Math.max(0, end - slots + 1);
  // Until the first rows are painted only the rows on screen are drawn; the rest serve scrolling.
  const [from, to] = overscan ? [start, end] : [Math.max(start, r.startIndex), Math.min(end, r.endIndex)];
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
};

interface RowsProps {
  view: SaleWindow;
  windowKey: string;
  rows: readonly SaleRecord[];
  /** The window's number for rows[0] (SaleWindowSnapshot.first). */
  first: number;
  scroller: RefObject<HTMLDivElement | null>;
  /** A scroll offset just set to keep rows in place, not yet seen by the virtualizer. */
  anchored: RefObject<number | null>;
  labels: RowLabels;
  active: string | null;
  onOpen: (id: string) => void;
}

/** The rows in view; the only part that renders as the list scrolls. */
const VirtualRows = ({ view, windowKey, rows, first, scroller, anchored, labels, active, onOpen }: RowsProps) => {
  const [height, setHeight] = useState(0);
  const slots = Math.ceil(height / ROW_HEIGHT) + 1 + 2 * OVERSCAN;
  const [overscan, setOverscan] = useState(false);
  const shown = rows.length > 0;
  useEffect(() => (shown && !overscan ? afterPaint(() => setOverscan(true)) : undefined), [shown, overscan]);
  // TanStack Virtual returns functions the React Compiler cannot memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor: (r) => fixedRange(r, slots, overscan),
    onChange: (v) => setHeight(v.scrollRect?.height ?? 0),
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    // Right after rows were added or dropped above, the virtualizer still has the old scroll
    // offset until it sees the anchored one; reading the element instead would force a layout.
    const offset = anchored.current ?? virtualizer.scrollOffset ?? 0;
    anchored.current = null;
    view.onRange(windowKey, Math.floor(offset / ROW_HEIGHT), Math.ceil((offset + height) / ROW_HEIGHT));
  });
  // Rows are keyed by slot and kept in slot order: scrolling then changes the text of the
  // elements that move to the other end and nothing else. Inserting, removing or reordering row
  // elements would restyle every row, because MUI's Stack rules (`> :not(style) ~ :not(style)`)
  // make any change among siblings invalidate all of them. Keyboard order does not follow the
  // DOM: the list is one tab stop with an active row (aria-activedescendant).
  // Slots count from the window's origin, so rows keep their elements when a page is dropped.
  const slotOf = (index: number): number => (((first + index) % slots) + slots) % slots;
  const placed = items.map((item) => ({ item, slot: slotOf(item.index) })).sort((a, b) => a.slot - b.slot);
  return (
    <div className="cs-sales-rows" style={{ height: virtualizer.getTotalSize() }}>
      {placed.map(({ item, slot }) => {
        const sale = rows[item.index];
        return sale ? <ListRow key={slot} sale={sale} top={item.start} labels={labels} active={sale.id === active} onOpen={onOpen} /> : null;
      })}
    </div>
  );
};

const STEP: Record<string, (page: number) => number> = { ArrowDown: () => 1, ArrowUp: () => -1, PageDown: (page) => page, PageUp: (page) => -page };

/** The virtual list over a window of rows (sale-window.ts), kept in place as rows come and go. */
export const SalesList = memo(({ view, onOpen }: { view: SaleWindow; onOpen: (id: string) => void }) => {
  const { t } = useTranslation('transactions');
  const theme = useTheme();
  const colours = useMemo(() => rowColours(theme), [theme]);
  const { key, rows, first, atHead, loaded, failed } = useSaleWindowRows(view);
  const { zone } = useShopTime();
  const labels = useMemo(() => rowLabels(t, zone), [t, zone]);
  const scroller = useRef<HTMLDivElement>(null);
  const anchored = useRef<number | null>(null);
  const [active, setActive] = useState<string | null>(null);

  const shown = useRef<{ key: string; rows: readonly SaleRecord[] }>({ key: '', rows: [] });
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = shown.current;
    shown.current = { key, rows };
    if (!el || before.rows === rows || (before.rows.length === 0 && rows.length === 0)) return;
    if (before.key !== key) {
      // Another filter or search starts at its newest row.
      el.scrollTop = anchored.current = 0;
      return;
    }
    if (el.scrollTop === 0 && atHead) return;
    const offset = anchoredOffset(before.rows, rows, el.scrollTop);
    if (offset !== null) el.scrollTop = anchored.current = offset;
  }, [key, rows, atHead]);

  const open = useCallback(
    (id: string) => {
      setActive(id);
      onOpen(id);
    },
    [onOpen],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const el = scroller.current;
    if (!el || rows.length === 0) return;
    const current = active === null ? -1 : rows.findIndex((s) => s.id === active);
    if (e.key === 'Enter' && current >= 0) {
      e.preventDefault();
      onOpen(rows[current]?.id ?? '');
      return;
    }
    const page = Math.max(1, Math.floor(el.clientHeight / ROW_HEIGHT) - 1);
    const step = STEP[e.key];
    const target =
      e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : step ? (current < 0 ? Math.floor(el.scrollTop / ROW_HEIGHT) : current + step(page)) : null;
    if (target === null) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(rows.length - 1, target));
    setActive(rows[index]?.id ?? null);
    // Keep the active row on screen; the window loads on as the list scrolls.
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const activeShown = active !== null && rows.some((s) => s.id === active);
  return (
    <Paper className="cs-sales" style={colours} role="grid" tabIndex={0} aria-label={t('title')} aria-activedescendant={activeShown ? rowElementId(active) : undefined} onKeyDown={onKeyDown}>
      <div role="row" className="cs-sales-head">
        {COLUMNS.map((c) => (
          <span key={c} role="columnheader" className={`cs-col-${c}`}>
            {t(`columns.${c}`)}
          </span>
        ))}
      </div>
      <div ref={scroller} className="cs-sales-scroller" data-testid="sales-list" role="rowgroup">
        {failed ? <p className="cs-sales-note">{t('loadFailed')}</p> : loaded && rows.length === 0 ? <p className="cs-sales-note">{t('empty')}</p> : null}
        <VirtualRows view={view} windowKey={key} rows={rows} first={first} scroller={scroller} anchored={anchored} labels={labels} active={active} onOpen={open} />
      </div>
    </Paper>
  );
});
SalesList.displayName = 'SalesList';
