import type { SignedSaleFields } from '../../../shared/domain/sale/digest';
import type { Settings } from '../../../shared/domain/settings';
import type { SaleRecord } from '../data/records';

/** The sale fields a signature vouches for (see shared/domain/sale/digest.ts). */
export const signatureFields = (sale: SaleRecord, settings: Pick<Settings, 'shop'>): SignedSaleFields => ({
  saleId: sale.id,
  kind: sale.kind,
  amountFen: sale.amountFen,
  last4: sale.last4,
  brand: sale.card?.brand ?? 'unknown',
  merchantId: settings.shop.merchantId,
  terminalId: settings.shop.terminalId,
  authCode: sale.authCode,
  rrn: sale.rrn,
  stan: sale.stan,
  batch: sale.batch,
  createdAt: sale.createdAt,
});
