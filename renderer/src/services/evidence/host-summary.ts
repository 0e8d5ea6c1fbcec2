import type { z } from 'zod';
import type { HostExchangeWire } from '../../../../shared/ipc/commands/evidence';
import type { AuditEntry, SaleRecord } from '../../data/records';

type Exchange = z.infer<typeof HostExchangeWire>;

/**
 * The host exchanges of a sale, summarised from what the sale and its audit steps record (the
 * renderer never sees the ISO 8583 messages, and they would hold card data): each send with its
 * STAN and time, the answer with its response code and time; approval numbers (RRN, auth code)
 * are the sale's. Message types and processing codes are the ones main's acquirer sends for each
 * purpose (electron/acquirer/iso8583/messages.ts: sale 0200/000000, void 0200/200000, refund
 * 0220/200000, offline advice 0220 (0221 repeated), reversal 0400, inquiry 0820).
 */
const REQUEST: Record<string, { mti: string; proc: string | null }> = {
  sale: { mti: '0200', proc: '000000' },
  void: { mti: '0200', proc: '200000' },
  refund: { mti: '0220', proc: '200000' },
  advice: { mti: '0220', proc: '000000' },
  reversal: { mti: '0400', proc: '000000' },
  inquiry: { mti: '0820', proc: null },
};

/** The answer's MTI: the request's with its third digit one up (0200 → 0210, 0221 → 0230). */
const answerMti = (mti: string): string => `${mti.slice(0, 2)}${Number(mti[2] ?? '0') + 1}0`;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const ms = (iso: string): number => Date.parse(iso);
const ANSWERS = new Set(['approved', 'declined', 'no-answer', 'not-sent', 'forwarded', 'declined-after-forward']);

export const hostExchanges = (sale: SaleRecord, audit: readonly AuditEntry[]): Exchange[] => {
  const steps = audit.filter((e) => e.objectId === sale.id);
  const out: Exchange[] = [];
  const numbers = (approved: boolean) => ({ rrn: approved ? sale.rrn : null, authCode: approved ? sale.authCode : null });
  steps.forEach((entry, i) => {
    const [, step = ''] = entry.action.split('.');
    const detail = entry.detail;
    const sent = step === 'authorizing' || step === 'forwarding';
    if (sent) {
      const purpose = step === 'forwarding' ? 'advice' : sale.kind;
      const req = REQUEST[purpose] ?? { mti: '0200', proc: null };
      const mti = step === 'forwarding' && detail.repeat === true ? '0221' : req.mti;
      const answer = steps.slice(i + 1).find((e) => ANSWERS.has(e.action.split('.')[1] ?? '') && e.detail.by !== 'inquiry');
      const answerStep = answer?.action.split('.')[1] ?? '';
      const answered = answer !== undefined && answerStep !== 'no-answer' && answerStep !== 'not-sent';
      const approved = answerStep === 'approved' || answerStep === 'forwarded';
      out.push({
        purpose,
        requestMti: mti,
        responseMti: answered ? answerMti(mti) : null,
        processingCode: req.proc,
        amountFen: sale.amountFen,
        stan: text(detail.stan) ?? sale.stan,
        ...numbers(approved),
        responseCode: answered ? (text(answer.detail.responseCode) ?? (approved ? sale.responseCode : null)) : null,
        sentAt: ms(entry.at),
        answeredAt: answered ? ms(answer.at) : null,
      });
    } else if (detail.by === 'inquiry') {
      out.push({ purpose: 'inquiry', requestMti: '0820', responseMti: '0830', processingCode: null, amountFen: sale.amountFen, stan: sale.stan, rrn: null, authCode: null, responseCode: null, sentAt: ms(entry.at), answeredAt: ms(entry.at) });
    } else if (text(detail.reversalCode)) {
      out.push({ purpose: 'reversal', requestMti: '0400', responseMti: '0410', processingCode: REQUEST[sale.kind]?.proc ?? null, amountFen: sale.amountFen, stan: sale.stan, rrn: null, authCode: null, responseCode: text(detail.reversalCode), sentAt: ms(entry.at), answeredAt: ms(entry.at) });
    }
  });
  // A record whose steps were not kept (imported, or written before the audit log) still has its numbers.
  if (out.length === 0 && sale.stan) {
    const req = REQUEST[sale.kind] ?? { mti: '0200', proc: null };
    const answered = sale.responseCode !== null;
    out.push({
      purpose: sale.kind,
      requestMti: req.mti,
      responseMti: answered ? answerMti(req.mti) : null,
      processingCode: req.proc,
      amountFen: sale.amountFen,
      stan: sale.stan,
      rrn: sale.rrn,
      authCode: sale.authCode,
      responseCode: sale.responseCode,
      sentAt: sale.createdAt,
      answeredAt: answered ? sale.updatedAt : null,
    });
  }
  return out;
};
