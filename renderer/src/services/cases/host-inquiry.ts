import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { SaleRecord } from '../../data/records';

export type HostAnswer = 'approved' | 'declined' | 'not-found' | 'failed' | 'other-link';

/**
 * Asks the card host what it did with a sale (status inquiry), on the sale's own link only (RULES
 * 13a: main refuses another). The one place the SMS lookup and the cases ask it.
 */
export const askHost = async (api: Pick<CountersignApi, 'invoke'>, sale: SaleRecord): Promise<HostAnswer> => {
  // Never numbered, so never sent: the host cannot have it.
  if (!sale.stan) return 'not-found';
  if (!sale.linkId) return 'other-link';
  const e = await api.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen, linkId: sale.linkId });
  if (!e.ok && e.error.reason === 'link-mismatch') return 'other-link';
  if (!e.ok) return 'failed';
  if (!e.value.found) return 'not-found';
  return e.value.outcome === 'approved' ? 'approved' : 'declined';
};
