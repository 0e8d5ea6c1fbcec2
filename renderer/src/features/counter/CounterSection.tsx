import { useCallback } from 'react';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import type { SaleRecord } from '../../data/records';
import { SalePrintStatus } from '../sale/SalePrintStatus';
import { usePrintSale } from '../sale/usePrintSale';
import { CounterPage } from './CounterPage';
import { InterruptedPrints } from '../sale/InterruptedPrints';

/** The counter with printing attached: a finished sale prints its copies at once. */
export const CounterSection = () => {
  const { settings } = useHostSettings();
  const { operator } = useSessionActions();
  const { printSale, printCopy } = usePrintSale(settings, { id: operator?.id ?? '', name: operator?.name ?? '' });
  const onFinished = useCallback((sale: SaleRecord) => void printSale(sale), [printSale]);
  return (
    <>
      <InterruptedPrints />
      <CounterPage
      onFinished={onFinished}
        printing={(sale) => <SalePrintStatus saleId={sale.id} onReprint={(copy) => void printCopy(sale, copy, null, true)} />}
      />
    </>
  );
};
