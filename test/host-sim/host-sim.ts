import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { ruleFor } from '../../electron/acquirer/amount-rules';
import { text, tryDecodeMessage } from '../../electron/acquirer/iso8583/codec';
import type { IsoMessage } from '../../electron/acquirer/iso8583/codec';
import { FrameReader, encodeFrame, swapTpdu } from '../../electron/acquirer/iso8583/framing';
import { TEST_TMK, defaultMacAlgorithm, packWorkingKeys, randomKey } from '../../electron/acquirer/iso8583/mac';
import type { MacAlgorithm } from '../../electron/acquirer/iso8583/mac';
import { encodeWithMac, macValid } from '../../electron/acquirer/iso8583/messages';
import { isDomesticPan } from '../../electron/acquirer/simulated-settlement';
import type { SettlementMode } from '../../electron/acquirer/simulated-settlement';
import { MAC_KINDS, answerFor, classify } from './host-answers';
import { HostSettlement } from './host-settlement';
import type { AnswerFields, RequestKind } from './host-answers';

/**
 * A card host on loopback speaking the console's framing (length + TPDU + header + ISO 8583,
 * UnionPay ECB MAC under a session key delivered at sign-on). It approves and declines by the
 * amount table (electron/acquirer/amount-rules.ts) and can be told to misbehave: delay answers,
 * drop answers after booking, close the socket on a request, answer with a wrong MAC or reject
 * the MAC (A0), send a garbled (cut short) answer, forget the session (sign-on needed), go down
 * and come back up.
 * It records every message it received so tests can assert exactly-once. Like a real host it
 * keys transactions by batch + STAN: a repeat (0221 advice, or the same STAN again) of something
 * it already booked is answered as that transaction, never booked twice, and recorded with
 * `duplicate: true`.
 * Faults apply to transaction messages (not sign-on or echo) unless told otherwise.
 */
export interface HostSimOptions {
  host?: string;
  headerLength?: number;
  tmk?: Uint8Array;
  mac?: MacAlgorithm;
  delayMs?: number;
  batch?: string;
}

export interface HostRecord {
  at: number;
  mti: string;
  kind: RequestKind;
  stan: string;
  batch: string;
  terminalId: string;
  amountFen: number | null;
  /** Field 61: the original's batch + STAN + date, for voids, refunds and inquiries. */
  original: string | null;
  responseCode: string | null;
  answered: boolean;
  /** When the answer was written (ms since the epoch, fractional), null if never. */
  answeredAt: number | null;
  duplicate: boolean;
  fault: 'closed' | 'dropped' | 'lost-request' | 'wrong-mac' | 'mac-rejected' | 'garbled' | 'malformed' | null;
}

export interface Booked {
  kind: 'sale' | 'advice' | 'void' | 'refund';
  stan: string;
  batch: string;
  amountFen: number;
  responseCode: string;
  authCode: string | null;
  rrn: string;
  reversed: boolean;
  /** A UnionPay card (settlement totals are per domestic / foreign section). */
  domestic: boolean;
}

interface Fault {
  remaining: number;
  kinds: ReadonlySet<RequestKind>;
}

export class HostSimulator {
  readonly records: HostRecord[] = [];
  private readonly book = new Map<string, Booked>();
  /** Reversals that arrived before their original: the original is void when it comes. */
  private readonly reversedEarly = new Set<string>();
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private mak: Uint8Array | null = null;
  private rrnSeq = 0;
  private readonly opts: Required<HostSimOptions>;
  /** End of day: settlements, batch uploads, and the switch that forces an outcome. */
  readonly settlement = new HostSettlement((from, to) => {
    if (this.opts.batch === from) this.opts.batch = to;
  });
  private faults: { drop: Fault | null; close: Fault | null; garble: Fault | null; wrongMac: (Fault & { mode: 'response' | 'reject' }) | null } = { drop: null, close: null, garble: null, wrongMac: null };
  /** Answer the next reversals with this code instead of reversing (a host refusing a reversal, e.g. 05). */
  private refuseReversals: { remaining: number; code: string } | null = null;

  constructor(opts: HostSimOptions = {}) {
    this.opts = { host: '127.0.0.1', headerLength: 6, tmk: TEST_TMK, mac: defaultMacAlgorithm(), delayMs: 0, batch: '000001', ...opts };
  }

  get address(): { host: string; port: number } {
    return { host: this.opts.host, port: this.port };
  }

  get listening(): boolean {
    return this.server !== null;
  }

  async start(port = 0): Promise<{ host: string; port: number }> {
    await this.listen(port);
    return this.address;
  }

  async stop(): Promise<void> {
    await this.down();
  }

  /** Stops listening and drops every connection: the console sees "no connection". */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  setDelay(ms: number): void {
    this.opts.delayMs = Math.max(0, ms);
  }

  /** Book (approve or decline) the next n transactions but never answer them. */
  dropNext(n = 1, kinds: Iterable<RequestKind> = MAC_KINDS): void {
    this.faults.drop = { remaining: n, kinds: new Set(kinds) };
  }

  /** Close the connection on receiving the next n transactions, without processing them. */
  closeNext(n = 1, kinds: Iterable<RequestKind> = MAC_KINDS): void {
    this.faults.close = { remaining: n, kinds: new Set(kinds) };
  }

  /** 'response': answer the next n with a MAC that does not verify; 'reject': answer A0 as if ours failed. */
  wrongMacNext(n = 1, mode: 'response' | 'reject' = 'response', kinds: Iterable<RequestKind> = MAC_KINDS): void {
    this.faults.wrongMac = { remaining: n, kinds: new Set(kinds), mode };
  }

  /** Book the next n transactions and answer each with a frame cut 3 bytes short (the terminal must name it). */
  garbleNext(n = 1, kinds: Iterable<RequestKind> = MAC_KINDS): void {
    this.faults.garble = { remaining: n, kinds: new Set(kinds) };
  }

  /** Refuse the next n reversals with `code` (nothing is reversed): the console must not count it as settled. */
  refuseReversalsWith(code: string, n = 1): void {
    this.refuseReversals = { remaining: n, code };
  }

  /** Forgets the session key: every MAC'd request is answered A0 until the terminal signs on. */
  requireSignOn(): void {
    this.mak = null;
  }

  clearFaults(): void {
    this.faults = { drop: null, close: null, garble: null, wrongMac: null };
  }

  /** The next settlement's outcome: compare totals ('auto'), or report balanced / unbalanced whatever they are. */
  settleNext(mode: SettlementMode): void {
    this.settlement.mode = mode;
  }

  /** Forgets records, bookings, faults and the session. */
  reset(): void {
    this.records.length = 0;
    this.book.clear();
    this.reversedEarly.clear();
    this.clearFaults();
    this.refuseReversals = null;
    this.settlement.mode = 'auto';
    this.settlement.settlements.length = 0;
    this.mak = null;
    this.opts.delayMs = 0;
  }

  count(filter: { kind?: RequestKind; stan?: string; mti?: string } = {}): number {
    return this.records.filter((r) => (!filter.kind || r.kind === filter.kind) && (!filter.stan || r.stan === filter.stan) && (!filter.mti || r.mti === filter.mti)).length;
  }

  transactions(): Booked[] {
    return [...this.book.values()];
  }

  /** Approvals that stand (approved and not reversed). */
  standingApprovals(): Booked[] {
    return this.transactions().filter((b) => b.responseCode === '00' && !b.reversed);
  }

  state(): { listening: boolean; port: number; delayMs: number; signedOn: boolean; faults: Record<string, unknown> } {
    return { listening: this.listening, port: this.port, delayMs: this.opts.delayMs, signedOn: this.mak !== null, faults: { ...this.faults } };
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader(this.opts.headerLength);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const item of reader.push(chunk)) {
        if (!item.ok) {
          this.records.push(this.record({ mti: '', fields: new Map() }, 'unknown', 'malformed'));
          socket.destroy();
          return;
        }
        const decoded = tryDecodeMessage(item.frame.body);
        if (!decoded.ok) {
          this.records.push(this.record({ mti: '', fields: new Map() }, 'unknown', 'malformed'));
          socket.destroy();
          return;
        }
        this.handle(socket, decoded.message, item.frame.body, item.frame.tpdu, item.frame.header);
      }
    });
  }

  private take(which: 'drop' | 'close' | 'garble' | 'wrongMac', kind: RequestKind): boolean {
    const f = this.faults[which];
    if (!f || f.remaining <= 0 || !f.kinds.has(kind)) return false;
    f.remaining -= 1;
    return true;
  }

  private record(m: IsoMessage, kind: RequestKind, fault: HostRecord['fault'] = null): HostRecord {
    const amount = text(m, 4);
    const f60 = text(m, 60);
    return {
      at: performance.timeOrigin + performance.now(),
      mti: m.mti,
      kind,
      stan: text(m, 11),
      batch: /^\d{8}/.test(f60) ? f60.slice(2, 8) : '',
      terminalId: text(m, 41).trim(),
      amountFen: amount ? Number(amount) : null,
      original: text(m, 61) || null,
      responseCode: null,
      answered: false,
      answeredAt: null,
      duplicate: false,
      fault,
    };
  }

  private handle(socket: Socket, m: IsoMessage, body: Uint8Array, tpdu: Uint8Array, header: Uint8Array): void {
    const kind = classify(m);
    const rec = this.record(m, kind);
    this.records.push(rec);
    if (this.take('close', kind)) {
      rec.fault = 'closed';
      socket.destroy();
      return;
    }
    const mac = MAC_KINDS.has(kind);
    const wrong = this.take('wrongMac', kind) ? (this.faults.wrongMac?.mode ?? 'response') : null;
    let answer: AnswerFields | null;
    if (mac && (wrong === 'reject' || !macValid(body, m, this.mak, this.opts.mac))) {
      rec.fault = 'mac-rejected';
      answer = { code: 'A0', mac: false };
    } else answer = this.process(m, kind, rec);
    if (!answer) return;
    rec.responseCode = answer.code;
    if (this.take('drop', kind)) {
      rec.fault = 'dropped';
      return;
    }
    const reply = answerFor(m, answer);
    const key = wrong === 'response' ? randomKey() : this.mak;
    if (wrong === 'response') rec.fault = 'wrong-mac';
    const garble = this.take('garble', kind);
    if (garble) rec.fault = 'garbled';
    const send = (): void => {
      if (socket.destroyed) return;
      const body = encodeWithMac(reply, key, this.opts.mac);
      socket.write(encodeFrame(garble ? body.subarray(0, body.length - 3) : body, { tpdu: swapTpdu(tpdu), header }));
      rec.answered = true;
      rec.answeredAt = performance.timeOrigin + performance.now();
    };
    if (this.opts.delayMs > 0) setTimeout(send, this.opts.delayMs);
    else send();
  }

  /** By the card's BIN; a void or refund by reference takes its original's section. */
  private domesticOf(m: IsoMessage): boolean {
    const pan = text(m, 2);
    if (pan) return isDomesticPan(pan);
    const original = text(m, 61);
    return this.book.get(`${original.slice(0, 6)}:${original.slice(6, 12)}`)?.domestic ?? true;
  }

  private nextRrn(): string {
    this.rrnSeq += 1;
    return String(this.rrnSeq).padStart(12, '0');
  }

  /** The host's decision; null when it never answers. */
  private process(m: IsoMessage, kind: RequestKind, rec: HostRecord): AnswerFields | null {
    switch (kind) {
      case 'sign-on': {
        this.mak = randomKey();
        return { code: '00', batch: this.opts.batch, field62: packWorkingKeys(this.opts.tmk, randomKey(), this.mak), mac: false };
      }
      case 'echo':
        return { code: '00', mac: false };
      case 'reversal': {
        if (this.refuseReversals && this.refuseReversals.remaining > 0) {
          this.refuseReversals.remaining -= 1;
          return { code: this.refuseReversals.code, mac: true };
        }
        const booked = this.book.get(`${rec.batch}:${rec.stan}`);
        if (!booked) {
          this.reversedEarly.add(`${rec.batch}:${rec.stan}`);
          return { code: '25', mac: true };
        }
        booked.reversed = true;
        return { code: '00', rrn: booked.rrn, mac: true };
      }
      case 'inquiry': {
        const original = text(m, 61);
        const booked = this.book.get(`${original.slice(0, 6)}:${original.slice(6, 12)}`);
        if (!booked) return { code: '25', mac: true };
        return { code: '00', rrn: booked.rrn, authCode: booked.authCode, field63: `${booked.responseCode}${booked.reversed ? '1' : '0'}`, mac: true };
      }
      case 'sale':
      case 'advice':
      case 'void':
      case 'refund':
        return this.transact(kind, rec, m);
      case 'settlement':
        return this.settlement.settle(m, rec.batch, this.book.values());
      case 'batch-upload':
        return this.settlement.upload(m, rec.batch);
      case 'batch-upload-end':
        return this.settlement.finish(m, rec.batch);
      default:
        return { code: '12', mac: false };
    }
  }

  private transact(kind: 'sale' | 'advice' | 'void' | 'refund', rec: HostRecord, m: IsoMessage): AnswerFields | null {
    const amountFen = rec.amountFen ?? 0;
    const key = `${rec.batch}:${rec.stan}`;
    const earlier = this.book.get(key);
    if (earlier) {
      rec.duplicate = true;
      if (earlier.amountFen !== amountFen || earlier.kind !== kind) return { code: '94', mac: true };
      return { code: earlier.responseCode, authCode: earlier.authCode, rrn: earlier.rrn, mac: true };
    }
    const rule = ruleFor(amountFen, kind);
    if (rule.kind === 'lost-request') {
      rec.fault = 'lost-request';
      return null;
    }
    const code = rule.kind === 'decline' ? rule.code : '00';
    if (code === 'A0') {
      this.mak = null;
      return { code, mac: false };
    }
    const booked: Booked = { kind, stan: rec.stan, batch: rec.batch, amountFen, responseCode: code, authCode: code === '00' ? String((Number(rec.stan) * 7919) % 1_000_000).padStart(6, '0') : null, rrn: this.nextRrn(), reversed: this.reversedEarly.delete(key), domestic: this.domesticOf(m) };
    this.book.set(key, booked);
    if (rule.kind === 'lost-answer') {
      rec.fault = 'dropped';
      return null;
    }
    return { code, authCode: booked.authCode, rrn: booked.rrn, mac: true };
  }
}
