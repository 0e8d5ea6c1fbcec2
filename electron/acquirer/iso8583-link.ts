import { explainResponse } from '../../shared/domain/response-codes';
import type {
  AcquirerLink,
  AuthorizeRequest,
  ForwardRequest,
  InquireRequest,
  InquiryResult,
  LinkFailed,
  LinkFailure,
  LinkResult,
  ReferencedRequest,
  ReverseRequest,
  SettleRequest,
  SettleResult,
} from '../../shared/ports/acquirer-link';
import { uuidv7Time } from '../../shared/domain/ids';
import type { Logger } from '../services/logger';
import { silentLogger } from '../services/logger';
import { text } from './iso8583/codec';
import type { IsoMessage } from './iso8583/codec';
import { Iso8583Error } from './iso8583/errors';
import { encodeFrame } from './iso8583/framing';
import type { FrameConfig } from './iso8583/framing';
import { TEST_TMK, defaultMacAlgorithm, unpackWorkingKeys } from './iso8583/mac';
import type { MacAlgorithm } from './iso8583/mac';
import * as msg from './iso8583/messages';
import type { Answer, Envelope, TerminalIdentity } from './iso8583/messages';
import { ExchangeAbort, exchangeFrame } from './tcp-exchange';
import { settleOverIso } from './iso8583-settle';

export interface Iso8583LinkOptions {
  host: string;
  port: number;
  frame: FrameConfig;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  identity: TerminalIdentity;
  /** Fresh STANs for the link's own messages (sign-on, echo, inquiry). */
  nextStan: () => string;
  /** The current batch; sign-on stores the host's batch (0810 60.2). */
  batch: { get(): string; set(batch: string): void };
  /**
   * Terminal master key (electron/acquirer/master-key.ts); defaults to the test key (host
   * simulator). The link keeps its own copy and wipes it on close, so a new key means a new link.
   */
  tmk?: Uint8Array;
  mac?: MacAlgorithm;
  logger?: Logger;
}

type Exchanged = { ok: true; answer: Answer; message: IsoMessage } | LinkFailed;

/**
 * ISO 8583 over TCP, UnionPay POS style (messages.ts has the table). One request at a time:
 * operations queue, and each opens its own connection. The MAC key lives in memory only; the
 * link signs on by itself before a MAC'd request when it has none, and drops it on A0 or a bad
 * answer MAC so the next request signs on again. Card data is only in the request bytes, which
 * are zeroed once written.
 */
export class Iso8583Link implements AcquirerLink {
  readonly kind = 'iso8583' as const;
  private mak: Uint8Array | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly abort = new ExchangeAbort();
  private readonly mac: MacAlgorithm;
  private readonly tmk: Uint8Array;
  private readonly logger: Logger;

  constructor(private readonly opts: Iso8583LinkOptions) {
    this.mac = opts.mac ?? defaultMacAlgorithm();
    this.tmk = opts.tmk ? Uint8Array.from(opts.tmk) : TEST_TMK;
    this.logger = opts.logger ?? silentLogger;
  }

  get signedOn(): boolean {
    return this.mak !== null;
  }

  get address(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  signOn(): Promise<LinkResult> {
    return this.serial(() => this.doSignOn());
  }

  echo(): Promise<LinkResult> {
    return this.serial(async () => {
      const e = this.envelope(this.opts.nextStan(), this.opts.batch.get());
      return this.toResult(await this.exchange(msg.echoRequest(e), e), e);
    });
  }

  authorize(r: AuthorizeRequest): Promise<LinkResult> {
    return this.macRequest(r.stan, r.batch, (e) => msg.saleRequest(e, r.amountFen, r.card));
  }

  void(r: ReferencedRequest): Promise<LinkResult> {
    return this.macRequest(r.stan, r.batch, (e) => msg.voidRequest(e, r.amountFen, r.original, r.card));
  }

  refund(r: ReferencedRequest): Promise<LinkResult> {
    return this.macRequest(r.stan, r.batch, (e) => msg.refundRequest(e, r.amountFen, r.original, r.card));
  }

  forward(r: ForwardRequest): Promise<LinkResult> {
    return this.macRequest(r.stan, r.batch, (e) => msg.adviceRequest(e, r.amountFen, r.card, r.acceptedAt, r.repeat));
  }

  reverse(r: ReverseRequest): Promise<LinkResult> {
    return this.macRequest(r.stan, r.batch, (e) => msg.reversalRequest(e, r.amountFen, r.kind, r.reasonCode, r.repeat));
  }

  inquire(r: InquireRequest): Promise<InquiryResult> {
    return this.serial(async (): Promise<InquiryResult> => {
      const e = this.envelope(this.opts.nextStan(), this.opts.batch.get());
      const refused = await this.ensureSignedOn(e);
      if (refused) return refused;
      const ex = await this.exchange(msg.inquiryRequest(e, { stan: r.stan, batch: r.batch, amountFen: r.amountFen, at: uuidv7Time(r.saleId) }), e);
      if (!ex.ok) return ex;
      const code = ex.answer.responseCode;
      if (code === '25') return { ok: true, found: false, responseCode: null, approved: false, reversed: false, authCode: null, rrn: null, stan: r.stan, batch: r.batch, hostTime: ex.answer.hostTime };
      if (code !== '00') return this.failure(e, explainResponse(code).resign ? 'mac-error' : 'retry-later', true, `inquiry answered ${code}`, code);
      const original = text(ex.message, 63);
      const originalCode = original.slice(0, 2);
      const reversed = original.slice(2, 3) === '1';
      return { ok: true, found: true, responseCode: originalCode || null, approved: originalCode === '00' && !reversed, reversed, authCode: ex.answer.authCode, rrn: ex.answer.rrn, stan: r.stan, batch: r.batch, hostTime: ex.answer.hostTime };
    });
  }

  /** End of day (iso8583-settle.ts): no MAC in these messages, so no sign-on is needed first. */
  settle(r: SettleRequest): Promise<SettleResult> {
    return this.serial(() => settleOverIso({ envelope: (stan, batch) => this.envelope(stan, batch), nextStan: () => this.opts.nextStan(), exchange: (m, e) => this.exchange(m, e) }, r));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.mak?.fill(0);
    this.mak = null;
    this.abort.abortAll();
    await this.queue.catch(() => undefined);
    if (this.tmk !== TEST_TMK) this.tmk.fill(0);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private envelope(stan: string, batch: string): Envelope {
    return { stan, batch, identity: this.opts.identity };
  }

  private failure(e: Envelope, failure: LinkFailure, sent: boolean, detail: string, responseCode: string | null = null, rejection?: { reason: string; field: number | null }): LinkFailed {
    const resign = failure === 'mac-error';
    return { ok: false, failure, sent, responseCode: resign ? (responseCode ?? 'A0') : responseCode, stan: e.stan, batch: e.batch, resign, detail, ...(rejection ? { rejection } : {}) };
  }

  private dropKeys(): void {
    this.mak?.fill(0);
    this.mak = null;
  }

  private async doSignOn(): Promise<LinkResult> {
    const e = this.envelope(this.opts.nextStan(), this.opts.batch.get());
    const ex = await this.exchange(msg.signOnRequest(e), e);
    if (!ex.ok) return ex;
    const result = this.toResult(ex, e);
    if (!result.ok || !result.approved) return result;
    const keys = ex.message.fields.get(62);
    if (!(keys instanceof Uint8Array)) return this.failure(e, 'malformed', true, 'sign-on answer without working keys (62)');
    try {
      this.dropKeys();
      this.mak = unpackWorkingKeys(this.tmk, keys).mak;
    } catch (error) {
      return this.failure(e, 'mac-error', true, error instanceof Error ? error.message : String(error));
    }
    if (ex.answer.batch) this.opts.batch.set(ex.answer.batch);
    this.logger.info('acquirer.signed-on', { batch: ex.answer.batch });
    return { ...result, batch: ex.answer.batch ?? result.batch };
  }

  /** Null when signed on; otherwise why the request was not sent. */
  private async ensureSignedOn(e: Envelope): Promise<LinkFailed | null> {
    if (this.mak) return null;
    const s = await this.doSignOn();
    if (s.ok && s.approved && this.mak) return null;
    if (!s.ok) return { ...s, sent: false, stan: e.stan, batch: e.batch };
    return { ok: false, failure: 'not-signed-on', sent: false, responseCode: s.responseCode, stan: e.stan, batch: e.batch, resign: true, detail: `sign-on answered ${s.responseCode}` };
  }

  private macRequest(stan: string, batch: string, build: (e: Envelope) => IsoMessage): Promise<LinkResult> {
    return this.serial(async () => {
      const e = this.envelope(stan, batch);
      const refused = await this.ensureSignedOn(e);
      if (refused) return refused;
      return this.toResult(await this.exchange(build(e), e), e);
    });
  }

  private toResult(ex: Exchanged, e: Envelope): LinkResult {
    if (!ex.ok) return ex;
    const a = ex.answer;
    const info = explainResponse(a.responseCode);
    if (info.resign) this.dropKeys();
    return { ok: true, responseCode: a.responseCode, approved: a.responseCode === '00', authCode: a.authCode, rrn: a.rrn, stan: e.stan, batch: a.batch ?? e.batch, hostTime: a.hostTime, resign: info.resign };
  }

  private async exchange(request: IsoMessage, e: Envelope): Promise<Exchanged> {
    if (this.closed) return this.failure(e, 'no-connection', false, 'link closed');
    let body: Uint8Array;
    try {
      body = msg.encodeWithMac(request, this.mak, this.mac);
    } catch (error) {
      const reason = error instanceof Iso8583Error ? error.message : String(error);
      return this.failure(e, 'malformed', false, `request not encodable: ${reason}`);
    }
    const frame = encodeFrame(body, this.opts.frame);
    body.fill(0);
    const expected = msg.answerMti(request.mti);
    const started = Date.now();
    const out = await exchangeFrame(
      frame,
      (m) => m.mti === expected && text(m, 11) === e.stan,
      {
        host: this.opts.host,
        port: this.opts.port,
        connectTimeoutMs: this.opts.connectTimeoutMs,
        responseTimeoutMs: this.opts.responseTimeoutMs,
        headerLength: this.opts.frame.header.length,
        onStale: (m) => this.logger.warn('acquirer.stale-answer', { mti: m.mti, stan: text(m, 11), expected, stan_expected: e.stan }),
      },
      this.abort,
    );
    frame.fill(0);
    this.logger.debug('acquirer.exchange', { mti: request.mti, stan: e.stan, ms: Date.now() - started, ok: out.ok, failure: out.ok ? null : out.failure });
    if (!out.ok) return this.failure(e, out.failure, out.sent, out.detail, null, out.rejection);
    let answer: Answer;
    try {
      answer = msg.readAnswer(out.message);
    } catch (error) {
      if (error instanceof Iso8583Error) return this.failure(e, 'malformed', true, error.message, null, { reason: error.reason, field: error.field });
      return this.failure(e, 'malformed', true, String(error));
    }
    if (msg.carriesMac(request)) {
      const signed = out.message.fields.has(64);
      // An answer with a MAC must verify; an approval must carry one. A0 answers cannot (the host rejected our MAC).
      if ((signed && !msg.macValid(out.body, out.message, this.mak, this.mac)) || (!signed && answer.responseCode === '00')) {
        this.dropKeys();
        return this.failure(e, 'mac-error', true, 'the answer’s MAC does not verify', 'A0', { reason: 'mac-mismatch', field: 64 });
      }
    }
    return { ok: true, answer, message: out.message };
  }
}
