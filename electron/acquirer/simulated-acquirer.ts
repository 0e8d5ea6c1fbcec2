import { sha256Hex } from '../../shared/domain/hash';
import type {
  AcquirerLink,
  AuthorizeRequest,
  ForwardRequest,
  InquireRequest,
  InquiryResult,
  LinkFailed,
  LinkRequestBase,
  LinkCard,
  LinkResult,
  OriginalRef,
  ReferencedRequest,
  ReverseRequest,
  SettleRequest,
  SettleResult,
} from '../../shared/ports/acquirer-link';
import { ruleFor } from './amount-rules';
import type { MessageKind } from './amount-rules';
import { isDomesticPan, verdicts } from './simulated-settlement';
import type { SettlementMode } from './simulated-settlement';

/**
 * The training host, in main (the default). Outcomes follow amount-rules.ts (fen % 100); latency
 * and an outage switch come from settings (`acquirer.simulatedLatencyMs`, `simulatedOutage`).
 * Like a real host it keys transactions by batch + STAN: a repeated saleId + STAN is the same
 * transaction (the first answer again, never a second approval), a reused STAN with another sale
 * is answered 94. It keeps its record so inquiry and reversal agree with what it did, and logs
 * every message it received so tests can assert exactly-once.
 */
export interface SimulatorOptions {
  latencyMs: () => number;
  outage: () => boolean;
  /**
   * How long a request that never gets an answer takes to give up: the link's response timeout,
   * capped at TRAINING_TIMEOUT_CAP_MS so practising "no answer" does not stall the counter.
   */
  responseTimeoutMs: () => number;
}

export const TRAINING_TIMEOUT_CAP_MS = 3_000;

export type SimMessageType = 'sign-on' | 'echo' | 'sale' | 'refund' | 'void' | 'advice' | 'reversal' | 'inquiry' | 'settlement' | 'batch-upload' | 'batch-upload-end';

export interface SimMessage {
  type: SimMessageType;
  saleId: string;
  stan: string;
  batch: string;
  amountFen: number;
  repeat: boolean;
  at: number;
}

export interface SimTransaction {
  saleId: string;
  kind: MessageKind;
  stan: string;
  batch: string;
  amountFen: number;
  responseCode: string;
  authCode: string | null;
  rrn: string | null;
  reversed: boolean;
  /** Issued in China (UnionPay): settlement totals are per domestic / foreign section. */
  domestic: boolean;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export class SimulatedAcquirer implements AcquirerLink {
  readonly kind = 'simulated' as const;
  readonly messages: SimMessage[] = [];
  private readonly book = new Map<string, SimTransaction>();
  private readonly reversedEarly = new Set<string>();
  private signed = false;
  /** Training switch for the next settlement (Training screen): 'unbalanced' practises the batch upload. */
  settlementMode: SettlementMode = 'auto';

  constructor(private readonly opts: SimulatorOptions) {}

  get signedOn(): boolean {
    return this.signed;
  }

  /** Same as `messages` (the name the end-to-end specs use). */
  get received(): SimMessage[] {
    return this.messages;
  }

  /** Transactions the simulator booked (approved or declined), oldest first. */
  transactions(): SimTransaction[] {
    return [...this.book.values()];
  }

  count(filter: Partial<Pick<SimMessage, 'type' | 'stan' | 'saleId'>>): number {
    return this.messages.filter((m) => (!filter.type || m.type === filter.type) && (!filter.stan || m.stan === filter.stan) && (!filter.saleId || m.saleId === filter.saleId)).length;
  }

  /** Approvals that stand (approved and not reversed): what the customer's statement would show. */
  standingApprovals(): SimTransaction[] {
    return this.transactions().filter((t) => t.responseCode === '00' && !t.reversed);
  }

  async signOn(): Promise<LinkResult> {
    if (this.opts.outage()) return this.down({ stan: '', batch: '' });
    this.note('sign-on', { saleId: '', stan: '', batch: '', amountFen: 0 });
    await sleep(this.opts.latencyMs());
    this.signed = true;
    return this.answer({ stan: '', batch: '' }, '00', null, null);
  }

  echo(): Promise<LinkResult> {
    if (this.opts.outage()) return Promise.resolve(this.down({ stan: '', batch: '' }));
    this.note('echo', { saleId: '', stan: '', batch: '', amountFen: 0 });
    return Promise.resolve(this.answer({ stan: '', batch: '' }, '00', null, null));
  }

  authorize(r: AuthorizeRequest): Promise<LinkResult> {
    return this.transact('sale', r);
  }

  forward(r: ForwardRequest): Promise<LinkResult> {
    return this.transact('advice', r, r.repeat);
  }

  refund(r: ReferencedRequest): Promise<LinkResult> {
    return this.transact('refund', r);
  }

  void(r: ReferencedRequest): Promise<LinkResult> {
    return this.transact('void', r);
  }

  async reverse(r: ReverseRequest): Promise<LinkResult> {
    if (this.opts.outage()) return this.down(r);
    const refused = await this.autoSignOn(r);
    if (refused) return refused;
    this.note('reversal', r, r.repeat);
    await sleep(this.opts.latencyMs());
    const booked = this.book.get(this.key(r));
    if (!booked) {
      // Like a real host: remember the reversal, so an original still on its way is void on arrival.
      this.reversedEarly.add(this.key(r));
      return this.answer(r, '25', null, null);
    }
    booked.reversed = true;
    return this.answer(r, '00', null, booked.rrn);
  }

  async inquire(r: InquireRequest): Promise<InquiryResult> {
    if (this.opts.outage()) return this.down(r);
    const refused = await this.autoSignOn(r);
    if (refused) return refused;
    this.note('inquiry', r);
    await sleep(this.opts.latencyMs());
    const booked = this.book.get(this.key(r));
    if (!booked) return { ok: true, found: false, responseCode: null, approved: false, reversed: false, authCode: null, rrn: null, stan: r.stan, batch: r.batch, hostTime: null };
    return {
      ok: true,
      found: true,
      responseCode: booked.responseCode,
      approved: booked.responseCode === '00' && !booked.reversed,
      reversed: booked.reversed,
      authCode: booked.authCode,
      rrn: booked.rrn,
      stan: r.stan,
      batch: r.batch,
      hostTime: new Date().toISOString(),
    };
  }

  /** Like a host: compares its own totals for the batch; when they differ, takes the batch upload. */
  async settle(r: SettleRequest): Promise<SettleResult> {
    if (this.opts.outage()) return this.down({ stan: '', batch: r.batch });
    this.note('settlement', { saleId: '', stan: '', batch: r.batch, amountFen: r.domestic.debitFen + r.foreign.debitFen });
    await sleep(this.opts.latencyMs());
    const v = verdicts(this.book.values(), r, this.settlementMode);
    this.settlementMode = 'auto';
    const balanced = v.domestic === 'balanced' && v.foreign === 'balanced';
    if (!balanced) {
      for (const t of r.transactions) this.note('batch-upload', { saleId: t.saleId, stan: t.stan, batch: r.batch, amountFen: t.amountFen });
      this.note('batch-upload-end', { saleId: '', stan: '', batch: r.batch, amountFen: r.transactions.length });
    }
    const now = new Date();
    return { ok: true, responseCode: '00', accepted: true, ...v, uploaded: balanced ? 0 : r.transactions.length, settleDate: `${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`, hostTime: now.toISOString() };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private key(r: { batch: string; stan: string }): string {
    return `${r.batch}:${r.stan}`;
  }

  private note(type: SimMessageType, r: Pick<LinkRequestBase, 'saleId' | 'stan' | 'batch' | 'amountFen'>, repeat = false): void {
    this.messages.push({ type, saleId: r.saleId, stan: r.stan, batch: r.batch, amountFen: r.amountFen, repeat, at: Date.now() });
  }

  private down(r: { stan: string; batch: string }): LinkFailed {
    return { ok: false, failure: 'no-connection', sent: false, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'simulated outage' };
  }

  private answer(r: { stan: string; batch: string }, code: string, authCode: string | null, rrn: string | null): LinkResult {
    return { ok: true, responseCode: code, approved: code === '00', authCode, rrn, stan: r.stan, batch: r.batch, hostTime: new Date().toISOString(), resign: code === 'A0' };
  }

  private async autoSignOn(r: { stan: string; batch: string }): Promise<LinkFailed | null> {
    if (this.signed) return null;
    const s = await this.signOn();
    return s.ok ? null : { ...s, stan: r.stan, batch: r.batch };
  }

  private async transact(kind: MessageKind, r: LinkRequestBase & { card?: LinkCard | null; original?: OriginalRef }, repeat = false): Promise<LinkResult> {
    if (this.opts.outage()) return this.down(r);
    const refused = await this.autoSignOn(r);
    if (refused) return refused;
    const rule = ruleFor(r.amountFen, kind);
    const giveUpMs = Math.min(this.opts.responseTimeoutMs(), TRAINING_TIMEOUT_CAP_MS);
    if (rule.kind === 'lost-request') {
      await sleep(giveUpMs);
      return { ok: false, failure: 'timeout', sent: true, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'simulated: the request was lost' };
    }
    this.note(kind, r, repeat);
    await sleep(this.opts.latencyMs());
    const earlier = this.book.get(this.key(r));
    if (earlier) {
      if (earlier.saleId !== r.saleId || earlier.amountFen !== r.amountFen) return this.answer(r, '94', null, null);
      return this.answer(r, earlier.responseCode, earlier.authCode, earlier.rrn);
    }
    const code = rule.kind === 'decline' ? rule.code : '00';
    if (code === 'A0') {
      // The host rejected our MAC: nothing is booked, and the terminal must sign on again.
      this.signed = false;
      return this.answer(r, code, null, null);
    }
    const approved = code === '00';
    const booked: SimTransaction = {
      saleId: r.saleId,
      kind,
      stan: r.stan,
      batch: r.batch,
      amountFen: r.amountFen,
      responseCode: code,
      authCode: approved ? String(parseInt(sha256Hex(`${r.saleId}:${r.stan}`).slice(0, 8), 16) % 1_000_000).padStart(6, '0') : null,
      rrn: `${r.batch}${r.stan}`,
      reversed: this.reversedEarly.delete(this.key(r)),
      domestic: r.card ? isDomesticPan(r.card.pan) : (this.transactions().find((t) => t.saleId === r.original?.saleId)?.domestic ?? true),
    };
    this.book.set(this.key(r), booked);
    if (rule.kind === 'lost-answer') {
      await sleep(Math.max(0, giveUpMs - this.opts.latencyMs()));
      return { ok: false, failure: 'timeout', sent: true, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'simulated: the answer was lost' };
    }
    return this.answer(r, code, booked.authCode, booked.rrn);
  }
}
