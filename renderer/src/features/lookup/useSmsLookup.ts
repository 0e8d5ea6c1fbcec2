import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { querySales } from '../../data/sales-query';

export const LOOKUP_WINDOW_MS = 30 * 60 * 1000;

/** Finds sales shaped like a bank SMS (time, amount, last 4) and asks the host about one. */
export const useSmsLookup = () => {
  const [results, setResults] = useState<SaleRecord[] | null>(null);
  const find = useCallback(async (at: number, amountFen: number, last4: string) => {
    setResults(await querySales(getDb(), 'all', { from: at - LOOKUP_WINDOW_MS, to: at + LOOKUP_WINDOW_MS, amountFen, last4 }, 20));
  }, []);
  const askHost = useCallback(async (sale: SaleRecord): Promise<'approved' | 'declined' | 'notFound' | 'failed'> => {
    if (!sale.stan) return 'notFound';
    const e = await api.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen });
    if (!e.ok) return 'failed';
    if (!e.value.found) return 'notFound';
    return e.value.outcome === 'approved' ? 'approved' : 'declined';
  }, []);
  return { results, find, askHost };
};
