import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { abandonedSales, chargedAwaitingSignature, offlineQueue, unresolvedSales, updateSale } from '../../data/sales-repo';
import { getSetting, setSetting } from '../../data/settings-repo';
import type { FlowDeps } from './sale-flow';

/**
 * Sales left open by a stop, settled: those the host may have charged (`authorizing`, `unknown`)
 * by inquiry and reversal, those that never reached the host (`created`, `card-read`) by
 * cancelling them, charged ones left before the signature by marking them unsigned; and offline
 * sales forwarded when the link is back.
 */

/**
 * Sales this window is sending right now. They are `authorizing` in the database like a sale
 * interrupted by a crash, but their answer is on its way: settling must leave them alone.
 */
const inFlight = new Set<string>();

/** Marks a sale as being sent by this window; call the returned function when its answer is recorded. */
export const markSending = (saleId: string): (() => void) => {
  inFlight.add(saleId);
  return () => inFlight.delete(saleId);
};

/** When this run of the console started: a sale still waiting for its card from before then was abandoned by a stop. */
const RUN_STARTED_AT = Date.now();

/**
 * A sale closed at the card step or the duplicate prompt (window closed, reload, crash) was never
 * sent: card-read is written in the same transaction as `authorizing`, which comes before any
 * send. It is cancelled, so no sale stays open forever; the audit says why.
 */
const cancelAbandoned = async (deps: FlowDeps): Promise<void> => {
  for (const sale of await abandonedSales(deps.db, RUN_STARTED_AT)) {
    await updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.cancel', detail: { reason: 'abandoned' } }, sale.version);
  }
};

/**
 * A charged sale a stop left at the result or signature step: the customer has gone without
 * signing. It joins the unsigned follow-up (补签) like any sale finished unsigned, so it is
 * counted, reminded and fixed there rather than left 'pending' where no list shows it.
 * Each run looks only at sales started since the last look.
 */
const unsignInterrupted = async (deps: FlowDeps): Promise<void> => {
  const from = (await getSetting(deps.db, 'sales.interrupted-checked-until')) ?? 0;
  if (from >= RUN_STARTED_AT) return;
  for (const sale of await chargedAwaitingSignature(deps.db, from, RUN_STARTED_AT)) {
    await updateSale(deps.db, sale.id, { signatureState: 'unsigned' }, { actor: deps.operatorId, action: 'sale.unsigned', detail: { reason: 'interrupted' } }, sale.version);
  }
  await setSetting(deps.db, 'sales.interrupted-checked-until', RUN_STARTED_AT);
};

export interface Resolution {
  sale: SaleRecord;
  outcome: 'reversed' | 'still-unknown';
  /** What inquiry said the host had done, for telling the cashier. */
  hostHadApproved: boolean | null;
}

const settleUnresolved = async (deps: FlowDeps): Promise<Resolution[]> => {
  const results: Resolution[] = [];
  await cancelAbandoned(deps);
  await unsignInterrupted(deps);
  for (let sale of (await unresolvedSales(deps.db)).filter((s) => !inFlight.has(s.id))) {
    if (sale.state === 'authorizing') sale = await updateSale(deps.db, sale.id, { state: 'unknown' }, { actor: deps.operatorId, action: 'sale.interrupted' });
    if (!sale.stan) {
      // Never numbered, so never sent: nothing to reverse.
      const reversed = await updateSale(deps.db, sale.id, { state: 'reversed' }, { actor: deps.operatorId, action: 'sale.reversed', detail: { reason: 'never-sent' } });
      results.push({ sale: reversed, outcome: 'reversed', hostHadApproved: false });
      continue;
    }
    const inquiry = await deps.api.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen });
    const hostHadApproved = inquiry.ok ? inquiry.value.found && inquiry.value.outcome === 'approved' : null;
    const reversal = await deps.api.invoke('acquirer:reverse', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen });
    if (reversal.ok && (reversal.value.outcome === 'approved' || reversal.value.outcome === 'declined')) {
      const reversed = await updateSale(deps.db, sale.id, { state: 'reversed', responseCode: reversal.value.responseCode ?? sale.responseCode }, { actor: deps.operatorId, action: 'sale.reversed', detail: { hostHadApproved } });
      results.push({ sale: reversed, outcome: 'reversed', hostHadApproved });
    } else {
      results.push({ sale, outcome: 'still-unknown', hostHadApproved });
    }
  }
  return results;
};

const settling = new WeakMap<CountersignDb, Promise<Resolution[]>>();

/**
 * Settles every sale left `authorizing` (a crash mid-flight) or `unknown` (no answer): ask the
 * host what happened, then reverse, so the customer is never charged for a sale the counter
 * could not finish. Repeats on the next call until the host answers (RULES 12). One run at a
 * time per database: a caller arriving mid-run (start, link back, the next sale) joins it.
 */
export const resolveUnresolved = (deps: FlowDeps): Promise<Resolution[]> => {
  const running = settling.get(deps.db);
  if (running) return running;
  const run = settleUnresolved(deps).finally(() => settling.delete(deps.db));
  settling.set(deps.db, run);
  return run;
};

export interface ForwardResult {
  sale: SaleRecord;
  outcome: 'approved' | 'declined' | 'not-answered';
}

/** Forwards offline sales in the order taken, each exactly once; sealed card data goes when the host answers. */
export const forwardOfflineQueue = async (deps: FlowDeps): Promise<ForwardResult[]> => {
  const results: ForwardResult[] = [];
  for (const sale of await offlineQueue(deps.db)) {
    if (!sale.sealed) continue;
    let stan = sale.stan;
    if (!stan) {
      const prepared = await deps.api.invoke('acquirer:prepare', { saleId: sale.id });
      if (!prepared.ok) break;
      stan = prepared.value.stan;
      await updateSale(deps.db, sale.id, { stan, batch: prepared.value.batch }, { actor: deps.operatorId, action: 'sale.forwarding', detail: { stan } });
    }
    const answer = await deps.api.invoke('acquirer:forward', { saleId: sale.id, stan, amountFen: sale.amountFen, sealed: sale.sealed });
    if (!answer.ok || (answer.value.outcome !== 'approved' && answer.value.outcome !== 'declined')) {
      results.push({ sale, outcome: 'not-answered' });
      break;
    }
    const r = answer.value;
    const approved = r.outcome === 'approved';
    const done = await updateSale(
      deps.db,
      sale.id,
      {
        state: approved ? 'approved' : 'declined',
        sealed: null,
        forwardedAt: (deps.now ?? Date.now)(),
        responseCode: r.responseCode ?? null,
        authCode: r.authCode ?? null,
        rrn: r.rrn ?? null,
        followUp: approved ? sale.followUp : 'open',
      },
      { actor: deps.operatorId, action: approved ? 'sale.forwarded' : 'sale.declined-after-forward', result: approved ? 'ok' : 'fail', detail: { responseCode: r.responseCode } },
    );
    results.push({ sale: done, outcome: approved ? 'approved' : 'declined' });
  }
  return results;
};
