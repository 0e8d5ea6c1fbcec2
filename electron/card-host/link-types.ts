import type { Fen } from '../../shared/domain/money';

/** What the host answered, or why it did not. */
export interface HostAnswer {
  outcome: 'approved' | 'declined' | 'no-answer' | 'failed';
  responseCode: string | null;
  authCode: string | null;
  rrn: string | null;
  failure: 'timeout' | 'no-connection' | 'socket-closed' | 'mac-error' | 'malformed' | null;
  resign: boolean;
}

export interface AuthorizeRequest<Card> {
  saleId: string;
  stan: string;
  batch: string;
  kind: 'sale' | 'refund' | 'void';
  amountFen: Fen;
  /** Clear card (main only) for a sale; absent for refunds/voids by reference. */
  card: Card | null;
  original?: { saleId: string; stan: string; rrn: string; authCode: string; amountFen: Fen };
  /** True for an advice of a sale accepted offline (0220). */
  advice?: boolean;
}

export interface ReferenceRequest {
  saleId: string;
  stan: string;
  batch: string;
  amountFen: Fen;
}

/**
 * Interim link interface of the built-in simulated host (the ISO 8583 work defines the shared
 * port in shared/ports/acquirer-link.ts). The card host. `SimulatedAcquirer` (training) and `Iso8583Link` (UnionPay-style POS over
 * TCP) implement it; `Card` is main's clear-card type, so this port never reaches the renderer.
 */
export interface AcquirerLink<Card> {
  readonly kind: 'simulated' | 'iso8583';
  signOn(): Promise<HostAnswer>;
  authorize(request: AuthorizeRequest<Card>): Promise<HostAnswer>;
  reverse(request: ReferenceRequest): Promise<HostAnswer>;
  inquire(request: ReferenceRequest): Promise<HostAnswer & { found: boolean }>;
  echo(): Promise<boolean>;
  close(): Promise<void>;
}
