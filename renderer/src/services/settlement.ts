import { reversalRetryable, reversalSettled } from '../../../shared/domain/response-codes';
import type { SaleRecord } from '../data/records';
import { abandonedSales, offlineQueue, recordVoid, unresolvedSales, updateSaleSteps } from '../data/sales-repo';
import { step } from './send';
import type { SendDeps, Step } from './send';

/**
 * Settling what a stop or a lost answer left open, always on the record's own link (RULES 12,
 * 13a): sales the host may have charged (`authorizing`, `unknown`) by inquiry and reversal;
 * refunds and voids by inquiry only (never a reversal as a sale); sales that never reached the
 * host (`created`, `card-read`) by cancelling them; offline sales by forwarding their advices.
 * The settlement jobs (settlement-jobs.ts) run these, one run at a time.
 */
export interface SettleDeps extends SendDeps {
  /** The link in use now (shared/domain/link-id.ts); records of another link are left for it. */
  currentLink: () => string;
  /** When this run of the console started: a sale still waiting for its card from before then was abandoned by a stop. */
  runStartedAt: number;
}

export interface Resolution {
  sale: SaleRecord;
  /**
   * reversed: the money question is closed (reversed, or nothing was charged); resolved: the host
   * had it (a refund or void found approved or declined); follow-up: the host refused the
   * reversal, a person must act (the answer is on the record); still-unknown: no usable answer,
   * tried again later (and the next online sale waits for it); other-link: taken on another host.
   */
  outcome: 'reversed' | 'resolved' | 'follow-up' | 'still-unknown' | 'other-link';
  /** What inquiry said the host had done, for telling the cashier. */
  hostHadApproved: boolean | null;
}

/**
 * A sale closed at the card step or the duplicate prompt (window closed, reload, crash) was never
 * sent: card-read is written in the same transaction as `authorizing`, which comes before any
 * send. It is cancelled, so no sale stays open forever; the audit says why.
 */
const cancelAbandoned = async (deps: SettleDeps): Promise<void> => {
  for (const sale of await abandonedSales(deps.db, deps.runStartedAt)) {
    await updateSaleSteps(deps.db, sale.id, [step(deps, { state: 'cancelled' }, 'sale.cancel', { detail: { reason: 'abandoned' } })], { expectVersion: sale.version });
  }
};

const write = (deps: SettleDeps, sale: SaleRecord, ...steps: Step[]): Promise<SaleRecord> => updateSaleSteps(deps.db, sale.id, steps);

/** A refund or void left without an answer: the host is asked what it did; nothing is sent again. */
const settleByInquiry = async (deps: SettleDeps, sale: SaleRecord, stan: string, linkId: string): Promise<Resolution> => {
  const inquiry = await deps.api.invoke('acquirer:inquire', { saleId: sale.id, stan, amountFen: sale.amountFen, linkId });
  if (!inquiry.ok) return { sale, outcome: 'still-unknown', hostHadApproved: null };
  const q = inquiry.value;
  const host = { responseCode: q.responseCode, authCode: q.authCode, rrn: q.rrn, channel: 'online' as const };
  if (q.outcome === 'approved') {
    const approved = step(deps, { state: 'approved', ...host, signatureState: 'not-required' }, `${sale.kind}.approved`, { detail: { by: 'inquiry', originalSaleId: sale.originalSaleId } });
    const done = sale.kind === 'void' && sale.originalSaleId ? await recordVoid(deps.db, sale.id, [approved], sale.originalSaleId, deps.operatorId) : await write(deps, sale, approved);
    return { sale: done, outcome: 'resolved', hostHadApproved: true };
  }
  if (q.outcome === 'declined') return { sale: await write(deps, sale, step(deps, { state: 'declined', ...host }, `${sale.kind}.declined`, { result: 'fail', detail: { by: 'inquiry' } })), outcome: 'resolved', hostHadApproved: false };
  // Not found (or already reversed at the host): it never took effect.
  return { sale: await write(deps, sale, step(deps, { state: 'cancelled' }, `${sale.kind}.cancel`, { detail: { reason: 'not-at-host', inquiry: q.outcome } })), outcome: 'reversed', hostHadApproved: false };
};

/** A sale left without an answer: inquiry (for the cashier's information), then a reversal that only 00 or 25 settles. */
const settleByReversal = async (deps: SettleDeps, sale: SaleRecord, stan: string, linkId: string): Promise<Resolution> => {
  const inquiry = await deps.api.invoke('acquirer:inquire', { saleId: sale.id, stan, amountFen: sale.amountFen, linkId });
  const hostHadApproved = inquiry.ok ? inquiry.value.found && inquiry.value.outcome === 'approved' : null;
  const reversal = await deps.api.invoke('acquirer:reverse', { saleId: sale.id, stan, amountFen: sale.amountFen, kind: 'sale', linkId });
  const code = reversal.ok ? reversal.value.responseCode : null;
  if (reversal.ok && code !== null && reversal.value.outcome !== 'no-answer' && reversal.value.outcome !== 'failed') {
    if (reversalSettled(code)) {
      const reversed = await write(deps, sale, step(deps, { state: 'reversed', reversalCode: code }, 'sale.reversed', { detail: { hostHadApproved, reversalCode: code } }));
      return { sale: reversed, outcome: 'reversed', hostHadApproved };
    }
    if (!reversalRetryable(code)) {
      // The host refused the reversal (05, 12, a code it did not document): the money question
      // stays open and a person takes it from here, with the host's answer on the record.
      const flagged = await write(deps, sale, step(deps, { followUp: 'open', reversalCode: code }, 'sale.reversal-refused', { result: 'fail', detail: { hostHadApproved, reversalCode: code } }));
      return { sale: flagged, outcome: 'follow-up', hostHadApproved };
    }
  }
  return { sale, outcome: 'still-unknown', hostHadApproved };
};

export const settleUnresolved = async (deps: SettleDeps): Promise<Resolution[]> => {
  const results: Resolution[] = [];
  await cancelAbandoned(deps);
  const current = deps.currentLink();
  // A sale in follow-up is a person's now: it neither blocks the next sale nor is tried again.
  for (let sale of (await unresolvedSales(deps.db)).filter((s) => !deps.inFlight.has(s.id) && s.followUp !== 'open')) {
    // Numbered (so possibly sent) on another host, or on an unknown one (a record from before
    // links were recorded): only that host may settle it, so it waits.
    if (sale.stan && sale.linkId !== current) {
      results.push({ sale, outcome: 'other-link', hostHadApproved: null });
      continue;
    }
    if (sale.state === 'authorizing') sale = await write(deps, sale, step(deps, { state: 'unknown' }, `${sale.kind}.interrupted`));
    if (!sale.stan || !sale.linkId) {
      // Never numbered, so never sent: nothing to reverse.
      results.push({ sale: await write(deps, sale, step(deps, { state: 'reversed' }, `${sale.kind}.reversed`, { detail: { reason: 'never-sent' } })), outcome: 'reversed', hostHadApproved: false });
      continue;
    }
    results.push(sale.kind === 'sale' ? await settleByReversal(deps, sale, sale.stan, sale.linkId) : await settleByInquiry(deps, sale, sale.stan, sale.linkId));
  }
  return results;
};

export interface ForwardResult {
  sale: SaleRecord;
  outcome: 'approved' | 'declined' | 'not-answered' | 'other-link';
}

/**
 * Forwards offline sales in the order taken, each exactly once at the host: `forwarding` is
 * written before every send, and any send after the first goes as an 0221 repeat with the same
 * STAN, which the host answers as the same advice. Only a host answer is final; a sale without
 * one stays `forwarding` and is tried again later, while the rest of the queue goes on. Sealed
 * card data is deleted when the host answers. Records of another link wait for it.
 */
export const forwardOfflineQueue = async (deps: SettleDeps): Promise<ForwardResult[]> => {
  const results: ForwardResult[] = [];
  const current = deps.currentLink();
  for (const queued of await offlineQueue(deps.db)) {
    if (!queued.sealed) continue;
    if (queued.linkId !== current) {
      results.push({ sale: queued, outcome: 'other-link' });
      continue;
    }
    let numbered = { stan: queued.stan, batch: queued.batch };
    if (!numbered.stan) {
      const prepared = await deps.api.invoke('acquirer:prepare', { saleId: queued.id });
      if (!prepared.ok || prepared.value.linkId !== queued.linkId) break;
      numbered = { stan: prepared.value.stan, batch: prepared.value.batch };
    }
    const stan = numbered.stan ?? '';
    const repeat = queued.forwardAttempts > 0;
    const sale = await write(deps, queued, step(deps, { state: 'forwarding', stan, batch: numbered.batch, forwardAttempts: queued.forwardAttempts + 1 }, 'sale.forwarding', { detail: { stan, repeat } }));
    const answer = await deps.api.invoke('acquirer:forward', { saleId: sale.id, stan, amountFen: sale.amountFen, sealed: queued.sealed, linkId: current, repeat });
    if (!answer.ok || (answer.value.outcome !== 'approved' && answer.value.outcome !== 'declined')) {
      results.push({ sale, outcome: 'not-answered' });
      // Nothing left the PC: the link is down, so the rest would fare no better this run.
      if (answer.ok && answer.value.outcome === 'failed' && answer.value.failure === 'no-connection') break;
      continue;
    }
    const r = answer.value;
    const approved = r.outcome === 'approved';
    const done = await write(
      deps,
      sale,
      step(
        deps,
        { state: approved ? 'approved' : 'declined', sealed: null, forwardedAt: deps.now(), responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, followUp: approved ? sale.followUp : 'open' },
        approved ? 'sale.forwarded' : 'sale.declined-after-forward',
        { result: approved ? 'ok' : 'fail', detail: { responseCode: r.responseCode, repeat } },
      ),
    );
    results.push({ sale: done, outcome: approved ? 'approved' : 'declined' });
  }
  return results;
};
