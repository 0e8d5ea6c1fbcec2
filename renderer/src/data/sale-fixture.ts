import type { SaleRecord } from './records';

/**
 * A stored sale for unit tests: every field at its plain value (an approved, signed online sale
 * with nothing else to it), overridden by `patch`. Tests name only the fields they are about.
 */
export const saleRecord = (patch: Partial<SaleRecord> & Pick<SaleRecord, 'id'>): SaleRecord => ({
  kind: 'sale',
  originalSaleId: null,
  createdAt: 0,
  updatedAt: 0,
  version: 1,
  operatorId: 'op-1',
  amountFen: 0,
  state: 'approved',
  signatureState: 'signed',
  card: null,
  last4: '',
  fingerprint: '',
  reference: '',
  note: '',
  stan: null,
  batch: null,
  authCode: null,
  rrn: null,
  responseCode: null,
  channel: 'online',
  linkId: 'training',
  sealed: null,
  offlineQueuedAt: null,
  forwardedAt: null,
  forwardAttempts: 0,
  reversalCode: null,
  signatureForced: false,
  followUp: 'none',
  openCases: 0,
  ...patch,
});
