import { useServices } from '../session/ServicesContext';
import { SalePrintStatus } from '../sale/SalePrintStatus';
import { CounterPage } from './CounterPage';
import { InterruptedPrints } from '../sale/InterruptedPrints';
import { fireAndLog } from '../../services/logger';

/** The counter with printing attached: a finished sale's copies print from the counter session. */
export const CounterSection = () => {
  const { printing, logger } = useServices();
  return (
    <>
      <InterruptedPrints />
      <CounterPage printing={(sale) => <SalePrintStatus saleId={sale.id} onReprint={(copy) => fireAndLog(logger, 'print.reprint-failed', printing.printCopy(sale, copy, null, true))} />} />
    </>
  );
};
