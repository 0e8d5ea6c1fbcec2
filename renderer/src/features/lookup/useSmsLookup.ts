import { useCallback, useState } from 'react';
import type { SaleRecord } from '../../data/records';
import { querySales } from '../../data/sales-query';
import { useRoot } from '../session/RootContext';
import { askHost as askHostOf } from '../../services/cases/host-inquiry';
import type { HostAnswer } from '../../services/cases/host-inquiry';

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
  const askHost = useCallback((sale: SaleRecord): Promise<HostAnswer> => askHostOf(api, sale), [api]);
  return { results, find, askHost };
};
