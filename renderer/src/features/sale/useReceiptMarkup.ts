import { useLiveQuery } from 'dexie-react-hooks';
import type { Settings } from '../../../../shared/domain/settings';
import type { PrintJobRecord, SaleRecord } from '../../data/records';
import type { JobMarkup } from '../../services/print-sale';
import { useServices } from '../session/ServicesContext';

/** The receipt a print job sent, for the on-screen preview; older jobs are rebuilt from the record (services/print-sale.ts). */
export const useReceiptMarkup = (sale: SaleRecord, job: PrintJobRecord | null, settings: Settings): JobMarkup | undefined => {
  const { printing } = useServices();
  return useLiveQuery(
    async (): Promise<JobMarkup> => (job ? printing.markupOf(sale, job) : { markup: null, rebuilt: false, problem: null }),
    // Settings are read by the service when it rebuilds: a change of them rebuilds the preview.
    [printing, sale.id, sale.version, job?.id, job?.markup, settings],
  );
};
