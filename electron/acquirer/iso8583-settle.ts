import type { LinkFailed, SettleRequest, SettleResult } from '../../shared/ports/acquirer-link';
import type { IsoMessage } from './iso8583/codec';
import type { Answer, Envelope } from './iso8583/messages';
import { batchUploadEndRequest, batchUploadRequest, readSettlementAnswer, settlementRequest } from './iso8583/settlement-messages';

/** What the settlement needs from the link: its exchange (one request, one answer) and numbering. */
export interface SettleChannel {
  envelope(stan: string, batch: string): Envelope;
  nextStan(): string;
  exchange(request: IsoMessage, e: Envelope): Promise<{ ok: true; answer: Answer; message: IsoMessage } | LinkFailed>;
}

/**
 * The end-of-day exchange over ISO 8583 (settlement-messages.ts has the layout): 0500 with the
 * totals; when the host answers unbalanced, every transaction of the batch as a 0320, then the
 * 0320 "upload finished". An upload the host does not take (no answer, not 00) stops the run
 * with the count so far; running the settlement again starts over, which the host accepts.
 */
export const settleOverIso = async (ch: SettleChannel, r: SettleRequest): Promise<SettleResult> => {
  const e = ch.envelope(ch.nextStan(), r.batch);
  const settled = await ch.exchange(settlementRequest(e, r.domestic, r.foreign), e);
  if (!settled.ok) return settled;
  const code = settled.answer.responseCode;
  const verdict = readSettlementAnswer(settled.message);
  const done = (uploaded: number): SettleResult => ({ ok: true, responseCode: code, accepted: code === '00', domestic: verdict.domestic, foreign: verdict.foreign, uploaded, settleDate: verdict.settleDate, hostTime: settled.answer.hostTime });
  if (code !== '00') return done(0);
  if (verdict.domestic === 'balanced' && verdict.foreign === 'balanced') return done(0);
  let uploaded = 0;
  for (const t of r.transactions) {
    const ue = ch.envelope(ch.nextStan(), r.batch);
    const up = await ch.exchange(batchUploadRequest(ue, t), ue);
    if (!up.ok) return { ...up, detail: `batch upload stopped after ${uploaded} of ${r.transactions.length}: ${up.detail ?? up.failure}` };
    if (up.answer.responseCode !== '00') return { ok: false, failure: 'retry-later', sent: true, responseCode: up.answer.responseCode, stan: ue.stan, batch: r.batch, resign: false, detail: `batch upload refused (${up.answer.responseCode}) after ${uploaded} of ${r.transactions.length}` };
    uploaded += 1;
  }
  const ee = ch.envelope(ch.nextStan(), r.batch);
  const end = await ch.exchange(batchUploadEndRequest(ee, uploaded), ee);
  if (!end.ok) return { ...end, detail: `the upload-finished message got no answer: ${end.detail ?? end.failure}` };
  if (end.answer.responseCode !== '00') return { ok: false, failure: 'retry-later', sent: true, responseCode: end.answer.responseCode, stan: ee.stan, batch: r.batch, resign: false, detail: `upload finished refused (${end.answer.responseCode})` };
  return done(uploaded);
};
