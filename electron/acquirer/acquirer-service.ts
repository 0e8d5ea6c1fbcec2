import { uuidv7Time } from '../../shared/domain/ids';
import { reversalSettled } from '../../shared/domain/response-codes';
import type { HostResult, InquiryResult } from '../../shared/ipc/commands/acquirer';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import { CommandError } from '../../shared/ipc/envelope';
import { outcomeOf } from '../../shared/ports/acquirer-link';
import type { AcquirerLink, LinkResult, OriginalRef, ReversibleKind } from '../../shared/ports/acquirer-link';
import type { CardVaultPort, ClearCard } from '../card/clear-card';
import type { Logger } from '../services/logger';
import type { AcquirerState } from './acquirer-state';
import { CardHold } from './card-hold';
import { SealError, wipeCard } from './card-seal';
import type { CardSealer } from './card-seal';

/** The vault, optionally able to say whether it still holds a card it will not hand over (an encrypted swipe). */
export type AcquirerVault = CardVaultPort & { has?(cardRef: string): boolean };

export interface AcquirerServiceDeps {
  link: () => AcquirerLink;
  /** The id of the link `link()` returns now (shared/domain/link-id.ts). */
  linkId: () => string;
  state: AcquirerState;
  vault: AcquirerVault;
  sealer: CardSealer;
  logger: Logger;
  /** Told about every request's result (the link monitor). */
  observe: (result: { ok: true } | { ok: false; failure: string }) => void;
}

const CACHE_LIMIT = 500;
const printable = (v: string | null, max: number): string | null => {
  const t = v?.trim() ?? '';
  return t.length > 0 && t.length <= max && /^[\x20-\x7e]+$/.test(t) ? t : null;
};
/** Adds to a set kept to the last CACHE_LIMIT entries. */
const remember = (set: Set<string>, key: string): void => {
  set.add(key);
  if (set.size > CACHE_LIMIT) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
};
const six = (v: string): string | null => (/^\d{6}$/.test(v) ? v : null);

export const toHostResult = (r: LinkResult): HostResult => ({
  outcome: outcomeOf(r),
  responseCode: printable(r.responseCode, 2),
  authCode: r.ok ? printable(r.authCode, 6) : null,
  rrn: r.ok ? printable(r.rrn, 12) : null,
  stan: six(r.stan),
  batch: six(r.batch),
  hostTime: r.ok ? r.hostTime : null,
  failure: r.ok ? null : r.failure,
  resign: r.resign,
  rejection: r.ok ? null : (r.rejection ?? null),
});

/**
 * What the acquirer commands do, independent of IPC. Idempotent per sale: concurrent calls share
 * one request; a host's answer is remembered and given again to a retry; a sale sent without an
 * answer is never sent again (RULES 10, 12: it is inquired and reversed instead), while an advice
 * is retried as an 0221 repeat with the same STAN. Every request names the link its record was
 * taken on and is refused when another link is in use (RULES 13a). Card data is taken from the
 * vault (or the sealed blob) just before the request and wiped after it; if the request could not
 * leave the PC the card is held for the offline path.
 */
export class AcquirerService {
  private readonly results = new Map<string, HostResult>();
  private readonly sentUnanswered = new Set<string>();
  /** Advices sent in this run: any later attempt is a repeat, whatever the caller says. */
  private readonly advised = new Set<string>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly reversalAttempts = new Map<string, number>();
  private readonly macFailed = new Set<string>();
  readonly hold = new CardHold();

  constructor(private readonly deps: AcquirerServiceDeps) {}

  prepare(saleId: string): { stan: string; batch: string; linkId: string } {
    return { ...this.deps.state.prepare(saleId), linkId: this.deps.linkId() };
  }

  /** Refuses a request for a record taken on another link than the one in use: nothing is sent. */
  private sameLink(linkId: string): void {
    const current = this.deps.linkId();
    if (linkId !== current) {
      this.deps.logger.warn('acquirer.link-mismatch', { record: linkId, current });
      throw new CommandError('CONFLICT', `this record belongs to the card host ${linkId}, not to ${current}`, 'link-mismatch');
    }
  }

  authorize(req: ParsedRequestOf<'acquirer:authorize'>): Promise<HostResult> {
    return this.once(`authorize:${req.saleId}`, async () => {
      this.sameLink(req.linkId);
      if (this.sentUnanswered.has(req.saleId)) throw new CommandError('CONFLICT', 'this sale was sent and got no answer: it is inquired and reversed, never sent again', 'sent-no-answer');
      const prepared = this.deps.state.preparedFor(req.saleId);
      if (req.stan && prepared && prepared.stan !== req.stan) throw new CommandError('CONFLICT', `STAN ${req.stan} is not the one prepared for this sale`, 'stan-mismatch');
      const { stan, batch } = req.stan ? { stan: req.stan, batch: prepared?.batch ?? this.deps.state.batch } : this.deps.state.prepare(req.saleId);
      const card = req.cardRef ? this.takeCard(req.cardRef) : null;
      const link = this.deps.link();
      const base = { saleId: req.saleId, stan, batch, amountFen: req.amountFen };
      let result: LinkResult | null = null;
      try {
        if (req.kind === 'sale') {
          if (!card) throw new CommandError('CARD', 'a sale needs a card', 'card-expired');
          result = await link.authorize({ ...base, card });
        } else {
          const o = req.original;
          if (!o) throw new CommandError('VALIDATION', 'a refund or void needs the original sale', 'original-missing');
          const original: OriginalRef = { saleId: o.saleId, stan: o.stan, rrn: o.rrn, authCode: o.authCode, amountFen: o.amountFen, batch: o.batch || null, at: uuidv7Time(o.saleId) };
          result = req.kind === 'refund' ? await link.refund({ ...base, original, card }) : await link.void({ ...base, original, card });
        }
      } finally {
        if (card && req.cardRef && result && !result.ok && !result.sent) this.hold.put(req.cardRef, card);
        else if (card) wipeCard(card);
      }
      if (!result) throw new Error('no result');
      if (!result.ok && result.failure === 'mac-error') this.macFailed.add(req.saleId);
      return this.finish('acquirer.authorize', req.saleId, req.kind, result);
    });
  }

  forward(req: ParsedRequestOf<'acquirer:forward'>): Promise<HostResult> {
    return this.once(`forward:${req.saleId}`, async () => {
      this.sameLink(req.linkId);
      let card: ClearCard;
      try {
        card = this.deps.sealer.unseal(req.sealed);
      } catch (error) {
        if (error instanceof SealError) throw new CommandError('CARD', error.message, error.reason);
        throw error;
      }
      // Numbered before an end of day: the advice goes into the batch open now, not the settled one.
      const prepared = this.deps.state.preparedFor(req.saleId)?.batch;
      const batch = prepared && !this.deps.state.settledBatch(prepared) ? prepared : this.deps.state.batch;
      const repeat = req.repeat || this.advised.has(req.saleId);
      let result: LinkResult;
      try {
        result = await this.deps.link().forward({ saleId: req.saleId, stan: req.stan, batch, amountFen: req.amountFen, card, acceptedAt: uuidv7Time(req.saleId), repeat });
      } finally {
        wipeCard(card);
      }
      if (result.ok || result.sent) remember(this.advised, req.saleId);
      return this.finish('acquirer.forward', req.saleId, repeat ? 'advice-repeat' : 'advice', result);
    });
  }

  reverse(req: ParsedRequestOf<'acquirer:reverse'>): Promise<HostResult> {
    return this.once(`reverse:${req.saleId}`, async () => {
      this.sameLink(req.linkId);
      const kind: ReversibleKind = req.kind;
      const batch = this.deps.state.preparedFor(req.saleId)?.batch ?? this.deps.state.batch;
      const attempt = this.reversalAttempts.get(req.saleId) ?? 0;
      this.reversalAttempts.set(req.saleId, attempt + 1);
      const reasonCode = this.macFailed.has(req.saleId) ? 'A0' : '98';
      const result = await this.deps.link().reverse({ saleId: req.saleId, stan: req.stan, batch, amountFen: req.amountFen, kind, repeat: attempt > 0, reasonCode });
      // The host's answer as it was: the renderer settles the sale on 00 or 25 only (reversalSettled).
      const out = toHostResult(result);
      this.deps.observe(result);
      this.deps.logger.info('acquirer.reverse', { saleId: req.saleId, stan: req.stan, kind, repeat: attempt > 0, outcome: out.outcome, code: out.responseCode, failure: out.failure });
      if (result.ok && reversalSettled(result.responseCode)) {
        this.remember(`reverse:${req.saleId}`, out);
        this.macFailed.delete(req.saleId);
      }
      return out;
    });
  }

  inquire(req: ParsedRequestOf<'acquirer:inquire'>): Promise<InquiryResult> {
    return this.once(`inquire:${req.saleId}`, async () => {
      this.sameLink(req.linkId);
      const batch = this.deps.state.preparedFor(req.saleId)?.batch ?? this.deps.state.batch;
      const r = await this.deps.link().inquire({ saleId: req.saleId, stan: req.stan, batch, amountFen: req.amountFen });
      this.deps.observe(r);
      this.deps.logger.info('acquirer.inquire', { saleId: req.saleId, stan: req.stan, found: r.ok ? r.found : null, failure: r.ok ? null : r.failure });
      if (!r.ok) throw new CommandError('ACQUIRER', `the inquiry got no usable answer (${r.failure})`, r.failure);
      const outcome = !r.found ? 'not-found' : r.reversed ? 'reversed' : r.approved ? 'approved' : 'declined';
      return { found: r.found, approved: r.approved, reversed: r.reversed, outcome, responseCode: printable(r.responseCode, 2), authCode: printable(r.authCode, 6), rrn: printable(r.rrn, 12), stan: req.stan };
    });
  }

  seal(cardRef: string): { sealed: string; linkId: string } {
    const card = this.takeCard(cardRef);
    try {
      return { sealed: this.deps.sealer.seal(card), linkId: this.deps.linkId() };
    } finally {
      wipeCard(card);
    }
  }

  async signOn(): Promise<HostResult> {
    const result = await this.deps.link().signOn();
    this.deps.observe(result);
    this.deps.logger.info('acquirer.sign-on', { ok: result.ok, code: result.responseCode, failure: result.ok ? null : result.failure });
    return toHostResult(result);
  }

  stop(): void {
    this.hold.clear();
  }

  private takeCard(cardRef: string): ClearCard {
    const card = this.hold.take(cardRef) ?? this.deps.vault.take(cardRef);
    if (card) return card;
    if (this.deps.vault.has?.(cardRef)) throw new CommandError('CARD', 'this swipe is encrypted by the reader and cannot be sent over this host link', 'card-encrypted');
    throw new CommandError('CARD', 'the card was read too long ago or already used; swipe again', 'card-expired');
  }

  private finish(event: string, saleId: string, kind: string, result: LinkResult): HostResult {
    this.deps.observe(result);
    const out = toHostResult(result);
    this.deps.logger.info(event, { saleId, kind, stan: out.stan, outcome: out.outcome, code: out.responseCode, failure: out.failure, detail: result.ok ? null : result.detail });
    // Only a host's answer is final and remembered. A sale sent without an answer is never sent
    // again; an advice may be (as a repeat). Not sent at all: the next call may try.
    if (result.ok) this.remember(`${event === 'acquirer.forward' ? 'forward' : 'authorize'}:${saleId}`, out);
    else if (result.sent && event !== 'acquirer.forward') remember(this.sentUnanswered, saleId);
    return out;
  }

  private remember(key: string, result: HostResult): void {
    this.results.set(key, result);
    if (this.results.size > CACHE_LIMIT) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
  }

  /** Answers from the record when there is one, else joins a call already running for the key. */
  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const recorded = this.results.get(key);
    if (recorded) return Promise.resolve(recorded as T);
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const p = run().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}
