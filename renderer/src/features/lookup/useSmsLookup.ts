import { useCallback, useState } from 'react';
import type { SaleRecord } from '../../data/records';
import { useServices } from '../session/ServicesContext';
import { useRoot } from '../session/RootContext';
import { askHost as askHostOf } from '../../services/cases/host-inquiry';
import type { HostAnswer } from '../../services/cases/host-inquiry';

/** Finds sales shaped like a bank SMS (time, amount, last 4; ±30 minutes) and asks the host about one. */
export const useSmsLookup = () => {
  const { api } = useRoot();
  const { cases } = useServices();
  const [results, setResults] = useState<SaleRecord[] | null>(null);
  // The cases service finds them and records the lookup (a "no such sale here" is kept too).
  const find = useCallback(
    async (at: number, amountFen: number, last4: string) => {
      setResults(await cases.lookup({ at, amountFen, last4 }));
    },
    [cases],
  );
  const askHost = useCallback((sale: SaleRecord): Promise<HostAnswer> => askHostOf(api, sale), [api]);
  return { results, find, askHost };
};
