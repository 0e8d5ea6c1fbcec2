import { uuidv7Time } from '../../shared/domain/ids';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { SettleOutcome } from '../../shared/ipc/commands/settlement';
import { CommandError } from '../../shared/ipc/envelope';
import type { AcquirerLink, SettleResult } from '../../shared/ports/acquirer-link';
import type { Logger } from '../services/logger';
import type { AcquirerState, SettledBatch } from './acquirer-state';

export interface SettlementServiceDeps {
  link: () => AcquirerLink;
  state: AcquirerState;
  logger: Logger;
  observe: (result: { ok: true } | { ok: false; failure: string }) => void;
  now?: () => Date;
}

const fromRecord = (r: SettledBatch, repeated: boolean): SettleOutcome => ({
  outcome: r.uploaded > 0 || r.domestic !== 'balanced' || r.foreign !== 'balanced' ? 'uploaded' : 'balanced',
  batch: r.batch,
  nextBatch: r.nextBatch,
  domestic: r.domestic === 'balanced' || r.domestic === 'unbalanced' || r.domestic === 'error' ? r.domestic : 'error',
  foreign: r.foreign === 'balanced' || r.foreign === 'unbalanced' || r.foreign === 'error' ? r.foreign : 'error',
  uploaded: r.uploaded,
  responseCode: '00',
  failure: null,
  settleDate: r.settleDate,
  settledAt: r.at,
  repeated,
});

/**
 * End of day on main (the renderer sends what its records add up to). One settlement at a time;
 * the batch moves on only once the host has settled it, and that is recorded before answering,
 * so a close retried after a lost answer or a crash gets the record, not a second settlement.
 */
export class SettlementService {
  private running: string | null = null;

  constructor(private readonly deps: SettlementServiceDeps) {}

  async settle(req: Omit<ParsedRequestOf<'acquirer:settle'>, 'grantId'>): Promise<SettleOutcome> {
    const recorded = this.deps.state.settledBatch(req.batch);
    if (recorded) return fromRecord(recorded, true);
    if (req.batch !== this.deps.state.batch) throw new CommandError('CONFLICT', `batch ${req.batch} is not the open batch ${this.deps.state.batch}`, 'batch-mismatch');
    if (this.running !== null) throw new CommandError('CONFLICT', `the settlement of batch ${this.running} is running`, 'settlement-running');
    this.running = req.batch;
    let result: SettleResult;
    try {
      result = await this.deps.link().settle({ batch: req.batch, domestic: req.domestic, foreign: req.foreign, transactions: req.transactions.map((t) => ({ ...t, at: uuidv7Time(t.saleId) })) });
    } finally {
      this.running = null;
    }
    this.deps.observe(result);
    const none = { batch: req.batch, nextBatch: null, uploaded: 0, settleDate: null, settledAt: null, repeated: false };
    if (!result.ok) {
      this.deps.logger.warn('acquirer.settle', { batch: req.batch, failure: result.failure, detail: result.detail });
      return { ...none, outcome: 'failed', domestic: null, foreign: null, responseCode: result.responseCode, failure: result.failure };
    }
    if (!result.accepted) {
      this.deps.logger.warn('acquirer.settle', { batch: req.batch, code: result.responseCode });
      return { ...none, outcome: 'refused', domestic: null, foreign: null, responseCode: result.responseCode, failure: null };
    }
    const settled = this.deps.state.closeBatch({
      batch: req.batch,
      at: (this.deps.now?.() ?? new Date()).toISOString(),
      domestic: result.domestic,
      foreign: result.foreign,
      uploaded: result.uploaded,
      settleDate: result.settleDate,
    });
    this.deps.logger.info('acquirer.settle', { batch: req.batch, next: settled.nextBatch, domestic: result.domestic, foreign: result.foreign, uploaded: result.uploaded });
    return fromRecord(settled, false);
  }
}
