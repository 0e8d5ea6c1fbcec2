import type { HostResult, InquiryResult, LinkStatus, acquirerCommands } from '../../shared/ipc/commands/acquirer';
import type { EventPayload, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';
import { outcomeOf } from '../../shared/ports/acquirer-link';
import type { AcquirerLink, InquiryResult as LinkInquiry, LinkFailed, LinkRequestBase, LinkResult, SettleRequest, SettleResult } from '../../shared/ports/acquirer-link';
import { ruleFor } from '../../electron/acquirer/amount-rules';
import type { MessageKind } from '../../electron/acquirer/amount-rules';

/**
 * Scriptable fakes of the card host, pure TypeScript (usable from renderer tests too).
 * - `FakeAcquirerLink`: the port. By default it answers by the training amount table at once
 *   (no timers: a lost answer is an immediate `timeout`); `script(op, …results)` queues exact
 *   results for the next calls; `calls` records every call (no card data kept).
 * - `FakeAcquirerApi`: the `acquirer:*` commands as the renderer sees them, over a FakeAcquirerLink:
 *   prepare numbers a sale once, authorize/forward answer a retried saleId from the record,
 *   the link can be taken down (`setOnline(false)`), and `count` asserts exactly-once.
 */
export type FakeOp = 'signOn' | 'authorize' | 'reverse' | 'inquire' | 'forward' | 'refund' | 'void' | 'echo' | 'settle';

export interface FakeCall {
  op: FakeOp;
  saleId: string;
  stan: string;
  amountFen: number;
}

const down = (r: { stan: string; batch: string }): LinkFailed => ({ ok: false, failure: 'no-connection', sent: false, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'fake: offline' });

export class FakeAcquirerLink implements AcquirerLink {
  readonly kind = 'simulated' as const;
  signedOn = true;
  online = true;
  readonly calls: FakeCall[] = [];
  private readonly scripts = new Map<FakeOp, Array<LinkResult | LinkInquiry | SettleResult>>();
  private readonly book = new Map<string, { code: string; reversed: boolean }>();

  /** The next calls of `op` return these results, in order, before the default behaviour resumes. */
  script(op: FakeOp, ...results: Array<LinkResult | LinkInquiry | SettleResult>): this {
    this.scripts.set(op, [...(this.scripts.get(op) ?? []), ...results]);
    return this;
  }

  count(op: FakeOp, saleId?: string): number {
    return this.calls.filter((c) => c.op === op && (saleId === undefined || c.saleId === saleId)).length;
  }

  signOn = (): Promise<LinkResult> => this.run('signOn', { saleId: '', stan: '', batch: '', amountFen: 0 }, () => this.answer('', '', '00'));
  echo = (): Promise<LinkResult> => this.run('echo', { saleId: '', stan: '', batch: '', amountFen: 0 }, () => this.answer('', '', '00'));
  authorize = (r: LinkRequestBase): Promise<LinkResult> => this.run('authorize', r, () => this.decide(r, 'sale'));
  forward = (r: LinkRequestBase): Promise<LinkResult> => this.run('forward', r, () => this.decide(r, 'advice'));
  refund = (r: LinkRequestBase): Promise<LinkResult> => this.run('refund', r, () => this.decide(r, 'refund'));
  void = (r: LinkRequestBase): Promise<LinkResult> => this.run('void', r, () => this.decide(r, 'void'));

  reverse = (r: LinkRequestBase): Promise<LinkResult> =>
    this.run('reverse', r, () => {
      const booked = this.book.get(r.stan);
      if (booked) booked.reversed = true;
      return this.answer(r.stan, r.batch, booked ? '00' : '25');
    });

  inquire = (r: LinkRequestBase): Promise<LinkInquiry> =>
    this.run('inquire', r, (): LinkInquiry => {
      const b = this.book.get(r.stan);
      return { ok: true, found: !!b, responseCode: b?.code ?? null, approved: b?.code === '00' && !b.reversed, reversed: b?.reversed ?? false, authCode: null, rrn: null, stan: r.stan, batch: r.batch, hostTime: null };
    });

  /** Balanced unless scripted otherwise. */
  settle = (r: SettleRequest): Promise<SettleResult> =>
    this.run('settle', { saleId: '', stan: '', batch: r.batch, amountFen: r.domestic.debitFen + r.foreign.debitFen }, (): SettleResult => ({ ok: true, responseCode: '00', accepted: true, domestic: 'balanced', foreign: 'balanced', uploaded: 0, settleDate: null, hostTime: null }));

  close = (): Promise<void> => Promise.resolve();

  private answer(stan: string, batch: string, code: string): LinkResult {
    return { ok: true, responseCode: code, approved: code === '00', authCode: code === '00' ? '000001' : null, rrn: code === '00' ? `${batch}${stan}`.padStart(12, '0') : null, stan, batch, hostTime: null, resign: code === 'A0' };
  }

  private decide(r: LinkRequestBase, kind: MessageKind): LinkResult {
    const rule = ruleFor(r.amountFen, kind);
    if (rule.kind === 'lost-request') return { ok: false, failure: 'timeout', sent: true, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'fake: request lost' };
    const code = rule.kind === 'decline' ? rule.code : '00';
    if (code !== 'A0') this.book.set(r.stan, { code, reversed: false });
    if (rule.kind === 'lost-answer') return { ok: false, failure: 'timeout', sent: true, responseCode: null, stan: r.stan, batch: r.batch, resign: false, detail: 'fake: answer lost' };
    return this.answer(r.stan, r.batch, code);
  }

  private run<T extends LinkResult | LinkInquiry | SettleResult>(op: FakeOp, r: Pick<LinkRequestBase, 'saleId' | 'stan' | 'batch' | 'amountFen'>, fallback: () => T): Promise<T> {
    if (!this.online) return Promise.resolve(down(r) as T);
    this.calls.push({ op, saleId: r.saleId, stan: r.stan, amountFen: r.amountFen });
    const queued = this.scripts.get(op)?.shift();
    return Promise.resolve((queued as T | undefined) ?? fallback());
  }
}

type AcquirerCommand = Extract<keyof typeof acquirerCommands, string>;

const hostResult = (r: LinkResult): HostResult => ({
  outcome: outcomeOf(r),
  responseCode: r.responseCode,
  authCode: r.ok ? r.authCode : null,
  rrn: r.ok ? r.rrn : null,
  stan: r.stan || null,
  batch: r.batch || null,
  hostTime: r.ok ? r.hostTime : null,
  failure: r.ok ? null : r.failure,
  resign: r.resign,
  rejection: r.ok ? null : (r.rejection ?? null),
});

export class FakeAcquirerApi {
  readonly link = new FakeAcquirerLink();
  readonly commands: Array<{ command: AcquirerCommand; request: unknown }> = [];
  private stan = 0;
  private readonly prepared = new Map<string, string>();
  private readonly answered = new Map<string, HostResult>();
  private readonly listeners = new Set<(p: EventPayload<'acquirer:link-changed'>) => void>();

  setOnline(online: boolean): void {
    if (this.link.online === online) return;
    this.link.online = online;
    for (const l of this.listeners) l({ online, kind: 'simulated', reason: online ? 'echo-ok' : 'echo-no-connection', at: new Date().toISOString() });
  }

  on(listener: (p: EventPayload<'acquirer:link-changed'>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  count(command: AcquirerCommand, saleId?: string): number {
    return this.commands.filter((c) => c.command === command && (saleId === undefined || (c.request as { saleId?: string }).saleId === saleId)).length;
  }

  async invoke<K extends AcquirerCommand>(command: K, request: RequestOf<K>): Promise<Envelope<ResponseOf<K>>> {
    this.commands.push({ command, request });
    const value = await this.answer(command, request);
    if (value instanceof Error) return { ok: false, error: { code: 'ACQUIRER', message: value.message, reason: value.message } };
    return { ok: true, value: value as ResponseOf<K> };
  }

  private status(): LinkStatus {
    return { online: this.link.online, kind: 'simulated', signedOn: true, host: 'simulated', batch: '000001', lastCheckAt: null, lastEchoAt: null, latencyMs: 0, reason: null, simulator: { latencyMs: 0, outage: !this.link.online } };
  }

  private prepare(saleId: string): string {
    const known = this.prepared.get(saleId);
    if (known) return known;
    const stan = String(++this.stan).padStart(6, '0');
    this.prepared.set(saleId, stan);
    return stan;
  }

  private async answer(command: AcquirerCommand, r: Record<string, unknown>): Promise<unknown> {
    const saleId = typeof r.saleId === 'string' ? r.saleId : '';
    const base = { saleId, stan: typeof r.stan === 'string' ? r.stan : this.prepare(saleId), batch: '000001', amountFen: Number(r.amountFen ?? 0) };
    const once = async (key: string, send: () => Promise<LinkResult>): Promise<HostResult> => {
      const known = this.answered.get(key);
      if (known) return known;
      const result = await send();
      const out = hostResult(result);
      if (result.ok) this.answered.set(key, out);
      return out;
    };
    switch (command) {
      case 'acquirer:prepare':
        return { stan: this.prepare(saleId), batch: '000001', linkId: 'training' };
      case 'acquirer:authorize': {
        const kind = r.kind as 'sale' | 'refund' | 'void';
        return once(`authorize:${saleId}`, () => (kind === 'sale' ? this.link.authorize(base) : kind === 'refund' ? this.link.refund(base) : this.link.void(base)));
      }
      case 'acquirer:forward':
        return once(`forward:${saleId}`, () => this.link.forward(base));
      case 'acquirer:reverse':
        return hostResult(await this.link.reverse(base));
      case 'acquirer:inquire': {
        const q = await this.link.inquire(base);
        if (!q.ok) return new Error(q.failure);
        return { found: q.found, approved: q.approved, reversed: q.reversed, outcome: !q.found ? 'not-found' : q.reversed ? 'reversed' : q.approved ? 'approved' : 'declined', responseCode: q.responseCode, authCode: q.authCode, rrn: q.rrn, stan: base.stan } satisfies InquiryResult;
      }
      case 'acquirer:seal':
        return { sealed: `ZmFrZS1zZWFs${(typeof r.cardRef === 'string' ? r.cardRef : '').replace(/[^A-Za-z0-9]/g, '')}`, linkId: 'training' };
      case 'acquirer:sign-on':
        return hostResult(await this.link.signOn());
      case 'acquirer:simulator':
        if (typeof r.outage === 'boolean') this.setOnline(!r.outage);
        return this.status();
      case 'acquirer:status':
      case 'acquirer:echo':
        return this.status();
    }
  }
}
