import { text } from '../../electron/acquirer/iso8583/codec';
import type { IsoMessage } from '../../electron/acquirer/iso8583/codec';
import { parseSettlementTotals, settlementTotals } from '../../electron/acquirer/iso8583/settlement-messages';
import { verdicts } from '../../electron/acquirer/simulated-settlement';
import type { BookedForSettlement, SettlementMode } from '../../electron/acquirer/simulated-settlement';
import type { AnswerFields } from './host-answers';

/**
 * The host simulator's end of day: a settlement (0500) is compared with what the host booked
 * for the batch (or forced balanced / unbalanced from the control port); an unbalanced one is
 * followed by the batch upload (0320 each, then 0320 "finished"), which is recorded. The host's
 * batch moves on once a settlement is finished, so the next sign-on hands out the new one.
 */
export interface SettlementRecord {
  batch: string;
  domestic: string;
  foreign: string;
  uploads: Array<{ stan: string; originalStan: string; amountFen: number; rrn: string; type: string }>;
  finished: boolean;
}

const nextBatch = (batch: string): string => String((Number(batch) % 999_999) + 1).padStart(6, '0');

export class HostSettlement {
  mode: SettlementMode = 'auto';
  readonly settlements: SettlementRecord[] = [];

  constructor(private readonly moveBatch: (from: string, to: string) => void) {}

  settle(m: IsoMessage, batch: string, book: Iterable<BookedForSettlement>): AnswerFields {
    const totals = parseSettlementTotals(text(m, 48));
    if (!totals) return { code: '30', mac: false };
    const v = verdicts(book, { batch, ...totals }, this.mode);
    this.mode = 'auto';
    const balanced = v.domestic === 'balanced' && v.foreign === 'balanced';
    this.settlements.push({ batch, domestic: v.domestic, foreign: v.foreign, uploads: [], finished: balanced });
    if (balanced) this.moveBatch(batch, nextBatch(batch));
    const code = (x: string): string => (x === 'balanced' ? '1' : x === 'unbalanced' ? '2' : '3');
    return { code: '00', field48: settlementTotals(totals.domestic, totals.foreign, [code(v.domestic), code(v.foreign)]), mac: false };
  }

  upload(m: IsoMessage, batch: string): AnswerFields {
    const open = [...this.settlements].reverse().find((s) => s.batch === batch && !s.finished);
    if (!open) return { code: '12', mac: false };
    open.uploads.push({ stan: text(m, 11), originalStan: text(m, 61).slice(6, 12), amountFen: Number(text(m, 4) || '0'), rrn: text(m, 37), type: text(m, 60).slice(0, 2) });
    return { code: '00', mac: false };
  }

  finish(m: IsoMessage, batch: string): AnswerFields {
    const open = [...this.settlements].reverse().find((s) => s.batch === batch && !s.finished);
    if (!open) return { code: '12', mac: false };
    if (Number(text(m, 48) || '-1') !== open.uploads.length) return { code: '30', mac: false };
    open.finished = true;
    this.moveBatch(batch, nextBatch(batch));
    return { code: '00', mac: false };
  }
}
