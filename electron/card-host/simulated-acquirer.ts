import { randomInt } from 'node:crypto';
import type { AcquirerLink, AuthorizeRequest, HostAnswer, ReferenceRequest } from './link-types';
import type { ClearCard } from '../card/clear-card';

/**
 * The training host, in main. Outcomes are decided by the amount's last two digits (fen):
 *
 * | fen % 100 | outcome                                                         |
 * |-----------|-----------------------------------------------------------------|
 * | 51        | declined 51 (insufficient funds)                                |
 * | 05        | declined 05 (do not honour)                                     |
 * | 61        | declined 61 (over amount limit)                                 |
 * | 91        | 91 (issuer unavailable)                                         |
 * | 96        | 96 (system malfunction)                                         |
 * | 13        | A0 (MAC error: sign on again)                                   |
 * | 99        | approved at the host but the answer never arrives (timeout)     |
 * | other     | approved, 6-digit auth code, 12-digit RRN                        |
 *
 * It remembers every sale by id, so a retry returns the first answer (never a second charge),
 * inquiry tells what it did, and a reversal undoes an approval. `received` counts every
 * message so tests can assert exactly-once.
 */
export interface SimulatorOptions {
  latencyMs: () => number;
  outage: () => boolean;
  /** How long a "never answers" sale waits before the caller gives up. */
  timeoutMs?: number;
}

interface Booked {
  approved: boolean;
  answer: HostAnswer;
  reversed: boolean;
}

const DECLINES: Record<number, string> = { 51: '51', 5: '05', 61: '61', 91: '91', 96: '96', 13: 'A0' };

export class SimulatedAcquirer implements AcquirerLink<ClearCard> {
  readonly kind = 'simulated' as const;
  readonly received: Array<{ type: string; saleId: string; stan: string; amountFen: number }> = [];
  private readonly booked = new Map<string, Booked>();

  constructor(private readonly opts: SimulatorOptions) {}

  private async wait(): Promise<void> {
    const ms = this.opts.latencyMs();
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  private answer(outcome: HostAnswer['outcome'], code: string | null, extra: Partial<HostAnswer> = {}): HostAnswer {
    return { outcome, responseCode: code, authCode: null, rrn: null, failure: null, resign: false, ...extra };
  }

  async signOn(): Promise<HostAnswer> {
    if (this.opts.outage()) return this.answer('failed', null, { failure: 'no-connection' });
    this.received.push({ type: 'sign-on', saleId: '', stan: '', amountFen: 0 });
    await this.wait();
    return this.answer('approved', '00');
  }

  async authorize(request: AuthorizeRequest<ClearCard>): Promise<HostAnswer> {
    if (this.opts.outage()) return this.answer('failed', null, { failure: 'no-connection' });
    this.received.push({ type: request.advice ? 'advice' : request.kind, saleId: request.saleId, stan: request.stan, amountFen: request.amountFen });
    await this.wait();
    const earlier = this.booked.get(request.saleId);
    if (earlier) return earlier.answer;
    const cents = request.amountFen % 100;
    const code = request.advice ? undefined : DECLINES[cents];
    if (code) {
      const answer = this.answer('declined', code, { resign: code === 'A0' });
      this.booked.set(request.saleId, { approved: false, answer, reversed: false });
      return answer;
    }
    const answer = this.answer('approved', '00', { authCode: String(randomInt(0, 1_000_000)).padStart(6, '0'), rrn: String(randomInt(0, 1_000_000_000)).padStart(12, '0') });
    this.booked.set(request.saleId, { approved: true, answer, reversed: false });
    if (cents === 99 && !request.advice) {
      // Approved and booked at the host, but the answer is lost on the way back.
      await new Promise((r) => setTimeout(r, this.opts.timeoutMs ?? 1_500));
      return this.answer('no-answer', null, { failure: 'timeout' });
    }
    return answer;
  }

  async reverse(request: ReferenceRequest): Promise<HostAnswer> {
    if (this.opts.outage()) return this.answer('failed', null, { failure: 'no-connection' });
    this.received.push({ type: 'reversal', saleId: request.saleId, stan: request.stan, amountFen: request.amountFen });
    await this.wait();
    const booked = this.booked.get(request.saleId);
    if (booked) booked.reversed = true;
    // 00 whether or not the original reached the host: the money question is closed either way.
    return this.answer('approved', '00');
  }

  async inquire(request: ReferenceRequest): Promise<HostAnswer & { found: boolean }> {
    if (this.opts.outage()) return { ...this.answer('failed', null, { failure: 'no-connection' }), found: false };
    this.received.push({ type: 'inquiry', saleId: request.saleId, stan: request.stan, amountFen: request.amountFen });
    await this.wait();
    const booked = this.booked.get(request.saleId);
    if (!booked) return { ...this.answer('declined', '25'), found: false };
    return { ...(booked.approved && !booked.reversed ? booked.answer : this.answer('declined', booked.answer.responseCode)), found: true };
  }

  echo(): Promise<boolean> {
    return Promise.resolve(!this.opts.outage());
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
