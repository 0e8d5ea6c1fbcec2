/**
 * What the records say about a case's sales, gathered by the renderer's repositories and handed to the
 * pure checklist (checklists.ts). Nothing here is set by hand: every field is read from a record.
 */
export interface FactSale {
  id: string;
  kind: 'sale' | 'refund' | 'void';
  state: string;
  amountFen: number;
  createdAt: number;
  authCode: string | null;
  rrn: string | null;
  responseCode: string | null;
  reversalCode: string | null;
  fingerprint: string;
  last4: string;
  originalSaleId: string | null;
}

export interface FactSignature {
  saleId: string;
  kind: 'original' | 'supplementary' | 'paper' | 'exemption' | 'exception';
  /** The digest that binds it to the sale (a verified signature once issue 14's verifier is wired in). */
  digest: string | null;
}

export interface FactPrint {
  saleId: string | null;
  copy: string;
  state: string;
}

export interface FactInquiry {
  saleId: string;
  /** approved | declined | not-found (the host's answer), recorded on the case. */
  outcome: 'approved' | 'declined' | 'not-found';
}

export const ATTACHMENT_KINDS = ['slip-photo', 'bank-notice', 'customer-letter', 'other-payment', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface CaseFacts {
  /** When the customer complained or the bank wrote (the case's opening time when not given). */
  complaintAt: number;
  /** The case's sales (kind 'sale'). */
  sales: FactSale[];
  /** Refunds and voids linked to those sales (originalSaleId among them). */
  linked: FactSale[];
  signatures: FactSignature[];
  prints: FactPrint[];
  inquiries: FactInquiry[];
  /** Explanation slips (说明单) printed for the customer from this case. */
  slipsPrinted: number;
  attachmentKinds: AttachmentKind[];
}
