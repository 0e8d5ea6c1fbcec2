import { linkIdFor } from '../../../shared/domain/link-id';
import type { Settings } from '../../../shared/domain/settings';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { CountersignDb } from '../data/db';
import type { PublicOperator } from '../data/operators-repo';
import type { SaleRecord } from '../data/records';
import { CounterSession } from './counter-session';
import { InFlight } from './in-flight';
import { LinkState } from './link-state';
import type { Logger } from './logger';
import { PrintSale } from './print-sale';
import { reverseSale } from './reverse-send';
import type { ReverseOutcome } from './reverse-send';
import { forwardOfflineQueue, settleUnresolved } from './settlement';
import { SettlementJobs } from './settlement-jobs';
import { buildSettlementServices } from './end-of-day/settlement-services';
import { Backups } from './backup/backups';
import type { SettlementServices } from './end-of-day/settlement-services';
import { SignatureActions } from './signature-actions';
import { BundleCheck } from './evidence/bundle-check';
import { EvidenceExport } from './evidence/evidence-export';
import type { ApproveAsManager } from './signature-actions';
import type { SendDeps } from './send';
import { verifySaleSignatures } from './evidence/signature-verify';
import type { SaleSignatureVerification } from './evidence/signature-verify';
import { CasesService } from './cases/cases-service';

/**
 * The signed-in console's services, built once at sign-in with every dependency passed in (no
 * look-ups "created on first use") and stopped at sign-out. Screens subscribe to them and call
 * them; the money jobs run here whatever screen is shown, and while the console is locked.
 */
export interface ServicesDeps {
  db: CountersignDb;
  /** The same database with relaxed durability, for bulk imports only (reconciliation files). */
  bulkDb?: CountersignDb;
  api: CountersignApi;
  operator: PublicOperator;
  settings: () => Settings;
  /** The one manager-approval function: a named manager's PIN checked by main, a one-time grant. */
  approveAsManager: ApproveAsManager;
  logger: Logger;
  /** When this run of the console started (one clock for every "left by a stop" question). */
  runStartedAt: number;
  now?: () => number;
  /** Sales being sent by this console (made here unless a test drives the send path beside the services). */
  inFlight?: InFlight;
}

export interface Services extends SettlementServices {
  db: CountersignDb;
  logger: Logger;
  operator: PublicOperator;
  link: LinkState;
  counter: CounterSession;
  jobs: SettlementJobs;
  signatures: SignatureActions;
  printing: PrintSale;
  /** Dispute cases: opening, linking, inquiry, slips, status, notes and attachments (issue 15). */
  cases: CasesService;
  /** Evidence bundles (issue 14): a sale, a day, a search result or a 调单 list, written by main. */
  evidence: EvidenceExport;
  /** The in-app evidence-bundle verifier (校验证据包). */
  bundleCheck: BundleCheck;
  /** The one manager approval (a named manager's PIN checked by main, a one-time grant), for the end-of-day and reconciliation screens. */
  approveAsManager: ApproveAsManager;
  /** Backups by hand and automatic, and the restore wizard (issue 17). */
  backups: Backups;
  /** A void or refund after a named manager's approval in main (one send path with the sale). */
  reverse: (original: SaleRecord, kind: 'void' | 'refund', amountFen: number, managerId: string, managerPin: string) => Promise<ReverseOutcome>;
  /** 校验签名 of every customer signature of a sale (services/evidence/signature-verify.ts). */
  verifySaleSignatures: (saleId: string) => Promise<SaleSignatureVerification>;
  start(): void;
  stop(): void;
}

export const buildServices = (deps: ServicesDeps): Services => {
  const { db, api, operator, settings, logger } = deps;
  const now = deps.now ?? (() => Date.now());
  const inFlight = deps.inFlight ?? new InFlight();
  const send: SendDeps = { db, api, operatorId: operator.id, settings, inFlight, now };
  const settleDeps = { ...send, currentLink: () => linkIdFor(settings()), runStartedAt: deps.runStartedAt };
  const link = new LinkState(api, logger);
  const printing = new PrintSale({ db, api, settings, operator });
  const jobs = new SettlementJobs({
    api,
    logger,
    settle: () => settleUnresolved(settleDeps),
    forward: () => forwardOfflineQueue(settleDeps),
  });
  const signatures = new SignatureActions({ db, api, operator, settings, approveAsManager: deps.approveAsManager });
  const reverse: Services['reverse'] = async (original, kind, amountFen, managerId, managerPin) => {
    const approval = await deps.approveAsManager(managerId, managerPin, kind, original.id);
    if (!approval.ok) return { ok: false, reason: approval.reason, retryAfterMs: approval.retryAfterMs };
    return reverseSale(send, original, kind, amountFen, { approvedBy: approval.manager.id, grantId: approval.grantId });
  };
  const cases = new CasesService({ db, api, settings, operator, reverse, now });
  const counter = new CounterSession({ send: { ...send, settleFirst: () => jobs.settleNow() }, signatures, printing, linkOnline: () => link.online, settings, logger });
  const settlement = buildSettlementServices({ db, api, settings, jobs, ...(deps.bulkDb ? { bulkDb: deps.bulkDb } : {}) });
  const backups = new Backups({ db, api, logger, isManager: operator.role === 'manager', actor: operator.id, now });
  // The end-of-day backup: once after each close (issue 16's close records the batch, then this).
  let closedBatch = settlement.endOfDay.getSnapshot().last?.batch.batch ?? null;
  const offClose = settlement.endOfDay.subscribe(() => {
    const batch = settlement.endOfDay.getSnapshot().last?.batch.batch ?? null;
    if (!batch || batch === closedBatch) return;
    closedBatch = batch;
    backups.auto('end-of-day').catch((error: unknown) => logger.error('backup.end-of-day-failed', { error }));
  });
  return {
    ...settlement,
    backups,
    approveAsManager: deps.approveAsManager,
    db,
    logger,
    operator,
    link,
    counter,
    jobs,
    signatures,
    printing,
    verifySaleSignatures: (saleId) => verifySaleSignatures({ db, api, settings, now }, saleId),
    cases,
    reverse,
    evidence: new EvidenceExport({ db, api, settings, logger, now }),
    bundleCheck: new BundleCheck(api, logger),
    start: () => {
      link.start();
      jobs.start();
      // Copies a stop left queued (never sent) are printed now; sending ones are the cashier's call.
      backups.start();
      printing.printLeftQueued(deps.runStartedAt).catch((error: unknown) => logger.error('printing.left-queued-failed', { error }));
    },
    stop: () => {
      offClose();
      backups.stop();
      jobs.stop();
      link.stop();
    },
  };
};
