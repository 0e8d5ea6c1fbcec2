import type { PrintSale } from '../../services/print-sale';
import { useServices } from '../session/ServicesContext';

/** Printing a sale (services/print-sale.ts): reprints, supplementary slips, a finished sale's copies. */
export const usePrintSale = (): PrintSale => useServices().printing;
