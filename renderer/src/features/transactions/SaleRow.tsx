import { memo, useMemo } from 'react';
import { useTheme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { SaleRecord } from '../../data/records';
import { rowLabels, STATE_TONE } from './row-labels';
import type { RowLabels } from './row-labels';
import { rowColours } from './row-styles';

export { ROW_HEIGHT } from './row-styles';

/** The element id of a sale's row (the list's active row is named by it). */
export const rowElementId = (saleId: string): string => `sale-row-${saleId}`;

interface ListRowProps {
  sale: SaleRecord;
  labels: RowLabels;
  onOpen: (id: string) => void;
  /** Offset in the virtual list; without it the row sits in the flow. */
  top?: number;
  /** The row the list's keyboard cursor is on. */
  active?: boolean;
}

/**
 * One row of the live list: plain elements styled by class rules (sales-list.css), no MUI
 * component or sx per row, so a row entering the view costs a few text updates.
 * Memoised: the list's window keeps the same object for a sale that did not change.
 */
export const ListRow = memo(({ sale, labels, onOpen, top, active = false }: ListRowProps) => {
  const unsigned = sale.signatureState === 'unsigned';
  return (
    <div
      id={rowElementId(sale.id)}
      role="row"
      aria-selected={active}
      className={`cs-sale-row${top === undefined ? '' : ' cs-placed'}${active ? ' cs-active' : ''}`}
      data-testid="sale-row"
      data-sale-id={sale.id}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
      onClick={() => onOpen(sale.id)}
    >
      <span role="cell" className="cs-col-time">
        {labels.time(sale.createdAt)}
      </span>
      <span role="cell" className="cs-col-amount">
        {formatRmb(sale.amountFen)}
      </span>
      <span role="cell" className="cs-col-card">
        {sale.last4 ? labels.card(sale.last4) : labels.noCard}
      </span>
      <span role="cell" className="cs-col-state">
        <span className="cs-chip" data-tone={STATE_TONE[sale.state] ?? 'default'}>
          {labels.state[sale.state]}
        </span>
        {sale.followUp === 'open' ? (
          <span className="cs-chip cs-outlined">
            {labels.followUp}
          </span>
        ) : null}
      </span>
      <span role="cell" className={unsigned ? 'cs-col-signature cs-unsigned' : 'cs-col-signature'}>
        {labels.signature[sale.signatureState]}
      </span>
      <span role="cell" className="cs-col-kind">
        {labels.kind[sale.kind]}
      </span>
    </div>
  );
});
ListRow.displayName = 'ListRow';

/** A sale row on its own (search results elsewhere), looking like a row of the list; times in the shop `zone`. */
export const SaleRow = ({ sale, zone, onOpen }: { sale: SaleRecord; zone: string; onOpen: (id: string) => void }) => {
  const { t } = useTranslation('transactions');
  const theme = useTheme();
  const labels = useMemo(() => rowLabels(t, zone), [t, zone]);
  return (
    <div role="table" style={rowColours(theme)}>
      <ListRow sale={sale} labels={labels} onOpen={onOpen} />
    </div>
  );
};
