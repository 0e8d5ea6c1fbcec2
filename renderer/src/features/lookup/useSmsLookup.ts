import { useCallback, useState } from 'react';
import type { SaleRecord } from '../../data/records';
import { querySales } from '../../data/sales-query';
import { useRoot } from '../session/RootContext';

export const LOOKUP_WINDOW_MS = 30 * 60 * 1000;

/** Finds sales shaped like a bank SMS (time, amount, last 4) and asks the host about one. */
export const useSmsLookup = () => {
  const { db, api } = useRoot();
  const [results, setResults] = useState<SaleRecord[] | null>(null);
  const find = useCallback(
    async (at: number, amountFen: number, last4: string) => {
      setResults(await querySales(db, 'all', { from: at - LOOKUP_WINDOW_MS, to: at + LOOKUP_WINDOW_MS, amountFen, last4 }, 20));
    },
    [db],
  );
  const askHost = useCallback(async (sale: SaleRecord): Promise<'approved' | 'declined' | 'notFound' | 'failed' | 'otherLink'> => {
    if (!sale.stan) return 'notFound';
    // Asked of the host the sale went to, never another (main refuses it on another link).
    if (!sale.linkId) return 'otherLink';
    const e = await api.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen, linkId: sale.linkId });
    if (!e.ok && e.error.reason === 'link-mismatch') return 'otherLink';
    if (!e.ok) return 'failed';
    if (!e.value.found) return 'notFound';
    return e.value.outcome === 'approved' ? 'approved' : 'declined';
  }, [api]);
  return { results, find, askHost };
};
