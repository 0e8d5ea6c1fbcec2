import type { Fen } from '../domain/money';

/**
 * The card host, as main sees it. `SimulatedAcquirer` (training) and `Iso8583Link`
 * (UnionPay-style POS over TCP) implement it; `FakeAcquirerLink` scripts it in tests.
 *
 * Requests carry the sale's UUIDv7 and the STAN main allocated for it before the renderer wrote
 * it ahead (RULES 10). Card data appears only in requests (main memory) and never in a result.
 */
export type AcquirerKind = 'simulated' | 'iso8583';

/**
 * Why there is no host answer. `sent` on the failure says whether any byte may have reached the
 * host: false means the sale certainly was not charged; true means its outcome is unknown.
 * - timeout: sent, no answer within the response timeout
 * - no-connection: the host could not be reached (refused, connect timeout, outage); nothing sent
 * - socket-closed: the connection dropped after the request went out
 * - mac-error: the answer's MAC did not verify (A0 semantics: sign on again)
 * - malformed: the answer could not be decoded or did not match the request
 * - not-signed-on: the terminal could not sign on, so the request was not sent
 * - retry-later: the host answered but did not process the request (reversal/inquiry: 96, 91, …)
 */
export const LINK_FAILURES = ['timeout', 'no-connection', 'socket-closed', 'mac-error', 'malformed', 'not-signed-on', 'retry-later'] as const;
export type LinkFailure = (typeof LINK_FAILURES)[number];

/**
 * Clear card data as the link needs it. Main's `ClearCard` (electron/card/clear-card.ts)
 * satisfies this structurally; it never crosses IPC.
 */
export interface LinkCard {
  pan: string;
  /** YYMM */
  expiry: string;
  serviceCode: string;
  /** Track 2 equivalent data without sentinels and LRC (PAN=YYMM SVC discretionary). */
  track2: string;
  entryMode: string;
}

export interface LinkRequestBase {
  saleId: string;
  /** Six digits, allocated by main (`acquirer:prepare`) and written ahead by the renderer. */
  stan: string;
  /** Six digits, the batch the transaction belongs to. */
  batch: string;
  amountFen: Fen;
}

/** The sale a refund or void points back to. Empty strings when the host never gave a value. */
export interface OriginalRef {
  saleId: string;
  stan: string;
  rrn: string;
  authCode: string;
  amountFen: Fen;
  batch: string | null;
  /** When the original happened (ms since the epoch); its MMDD goes into field 61. */
  at: number | null;
}

export interface AuthorizeRequest extends LinkRequestBase {
  card: LinkCard;
}

export interface ReferencedRequest extends LinkRequestBase {
  original: OriginalRef;
  /** A refund or void may carry the card again (swiped for it); null when done by reference. */
  card: LinkCard | null;
}

/** Advice of a sale accepted offline (UnionPay 离线结算): sent when the link returns. */
export interface ForwardRequest extends LinkRequestBase {
  card: LinkCard;
  /** When the sale was accepted offline (ms since the epoch). */
  acceptedAt: number;
  /** A later attempt of an advice that may already have reached the host: 0221, same STAN. */
  repeat: boolean;
}

export type ReversibleKind = 'sale' | 'void' | 'refund';

export interface ReverseRequest extends LinkRequestBase {
  /** What is being reversed (its processing code and type go into the reversal). */
  kind: ReversibleKind;
  /** Second and later attempts go out as 0401 (repeat). */
  repeat: boolean;
  /** Why: '98' no answer (default), '06' other, 'A0' the answer failed its MAC. */
  reasonCode: '98' | '06' | 'A0';
}

/** Asks what the host did with an earlier request (its STAN and batch); the inquiry gets its own STAN. */
export type InquireRequest = LinkRequestBase;

export interface HostAnswer {
  ok: true;
  responseCode: string;
  /** Only 00 approves. */
  approved: boolean;
  authCode: string | null;
  rrn: string | null;
  /** STAN of the message answered. */
  stan: string;
  batch: string;
  /** The host's clock if it sent one (ISO 8601), else null. */
  hostTime: string | null;
  /** The host asked the terminal to sign on again (A0 and friends). */
  resign: boolean;
}

export interface LinkFailed {
  ok: false;
  failure: LinkFailure;
  /** Whether any byte of the request may have reached the host. */
  sent: boolean;
  /** A code when one applies: 'A0' for a MAC failure, the sign-on's code for not-signed-on. */
  responseCode: string | null;
  stan: string;
  batch: string;
  resign: boolean;
  /** English detail for logs (never card data). */
  detail: string | null;
  /** For `malformed` / `mac-error`: the codec's named reason and the field (RULES 19). */
  rejection?: { reason: string; field: number | null };
}

export type LinkResult = HostAnswer | LinkFailed;

export interface InquiryAnswer {
  ok: true;
  /** Whether the host has the original at all (25 = no such transaction). */
  found: boolean;
  /** The original's response code as the host recorded it, null when not found. */
  responseCode: string | null;
  /** The original was approved and is not reversed. */
  approved: boolean;
  reversed: boolean;
  authCode: string | null;
  rrn: string | null;
  stan: string;
  batch: string;
  hostTime: string | null;
}

export type InquiryResult = InquiryAnswer | LinkFailed;

/**
 * One section of a batch's totals (UnionPay field 48 has two: domestic cards, then foreign).
 * Debits are sales and forwarded offline sales; credits are voids and refunds; reversed and
 * declined transactions are in neither.
 */
export interface SettlementTotals {
  debitCount: number;
  debitFen: Fen;
  creditCount: number;
  creditFen: Fen;
}

/** A transaction of the batch as the batch upload (0320) sends it: no card data, the host's references. */
export interface BatchUploadItem {
  saleId: string;
  kind: 'sale' | 'void' | 'refund' | 'advice';
  stan: string;
  amountFen: Fen;
  rrn: string | null;
  authCode: string | null;
  /** When it happened (ms since the epoch). */
  at: number;
}

/**
 * End of day (批结算): the console's totals for the batch (0500). When the host's totals differ
 * it says so and the console uploads every transaction of the batch (0320 each, then 0320
 * "upload finished"), after which the settlement is finished either way.
 */
export interface SettleRequest {
  batch: string;
  domestic: SettlementTotals;
  foreign: SettlementTotals;
  transactions: readonly BatchUploadItem[];
}

export type BalanceVerdict = 'balanced' | 'unbalanced' | 'error';

export interface SettleAnswer {
  ok: true;
  /** The 0510's response code; only 00 means the host took the settlement. */
  responseCode: string;
  accepted: boolean;
  domestic: BalanceVerdict;
  foreign: BalanceVerdict;
  /** Transactions uploaded (0 when balanced). */
  uploaded: number;
  /** The host's settlement date (MMDD, field 15) when it sent one. */
  settleDate: string | null;
  hostTime: string | null;
}

export type SettleResult = SettleAnswer | LinkFailed;

export interface AcquirerLink {
  readonly kind: AcquirerKind;
  /** Working keys are in place (ISO 8583) or the simulator considers us signed on. */
  readonly signedOn: boolean;
  /** Sign-on (0800): fresh working keys and the host's batch number. Links sign on by themselves when needed. */
  signOn(): Promise<LinkResult>;
  authorize(request: AuthorizeRequest): Promise<LinkResult>;
  reverse(request: ReverseRequest): Promise<LinkResult>;
  inquire(request: InquireRequest): Promise<InquiryResult>;
  forward(request: ForwardRequest): Promise<LinkResult>;
  refund(request: ReferencedRequest): Promise<LinkResult>;
  void(request: ReferencedRequest): Promise<LinkResult>;
  /** End of day: settlement (0500) and, when the totals differ, the batch upload (0320). */
  settle(request: SettleRequest): Promise<SettleResult>;
  /** Link check (UnionPay 回响测试); cheap, no card data. */
  echo(): Promise<LinkResult>;
  close(): Promise<void>;
}

/**
 * How a link result reads for the sale: answered (approved / declined), or not — 'no-answer'
 * when the request may have reached the host (resolve by inquiry or reversal), 'failed' when it
 * certainly did not.
 */
export const outcomeOf = (result: LinkResult): 'approved' | 'declined' | 'no-answer' | 'failed' => {
  if (result.ok) return result.approved ? 'approved' : 'declined';
  return result.sent ? 'no-answer' : 'failed';
};
