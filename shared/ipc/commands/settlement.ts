import { z } from 'zod';
import { UUID_V7 } from '../../domain/ids';
import { HostFailure } from './acquirer';
import { GrantId } from './auth';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

/**
 * End of day with the card host (批结算). The renderer, which holds the records, sends the
 * batch's totals and its transactions; main runs the settlement on the link that took them
 * (0500, and when the host's totals differ the batch upload, 0320 each) and, once the host has
 * settled, moves the batch number on. A close repeated for a batch already settled is answered
 * from main's record (`repeated`), never sent again. Manager only (main enforces roles).
 */
const Batch = z.string().regex(/^\d{6}$/, 'expected six digits');
const Fen = z.number().int().nonnegative().max(999_999_999_999);
const Count = z.number().int().nonnegative().max(999);
const Printable = (max: number) => z.string().regex(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`), `expected at most ${max} printable characters`);

export const SettlementTotalsSchema = z.object({ debitCount: Count, debitFen: Fen, creditCount: Count, creditFen: Fen }).strict();

export const BatchUploadItemSchema = z
  .object({
    saleId: z.string().regex(UUID_V7, 'expected a UUIDv7'),
    kind: z.enum(['sale', 'void', 'refund', 'advice']),
    stan: z.string().regex(/^\d{6}$/, 'expected six digits'),
    amountFen: Fen.refine((n) => n > 0, 'expected a positive amount'),
    rrn: Printable(12).nullable(),
    authCode: Printable(6).nullable(),
  })
  .strict();

export const BalanceVerdictSchema = z.enum(['balanced', 'unbalanced', 'error']);

/** Why a settlement command was refused (CONFLICT). */
export const SETTLEMENT_ERROR_REASONS = [
  /** The batch named is not the open one (another window closed it, or the renderer's view is old). */
  'batch-mismatch',
  /** A settlement for this batch is already running. */
  'settlement-running',
] as const;

export const SettleOutcome = z.object({
  /** balanced: the host agreed; uploaded: it did not, the batch was uploaded and settled; refused: the host answered non-00; failed: no usable answer. */
  outcome: z.enum(['balanced', 'uploaded', 'refused', 'failed']),
  batch: Batch,
  /** The batch now open; null when nothing was settled. */
  nextBatch: Batch.nullable(),
  domestic: BalanceVerdictSchema.nullable(),
  foreign: BalanceVerdictSchema.nullable(),
  uploaded: z.number().int().nonnegative(),
  responseCode: Printable(2).nullable(),
  failure: HostFailure.nullable(),
  /** The host's settlement date, MMDD. */
  settleDate: z.string().regex(/^\d{4}$/).nullable(),
  /** When main recorded the settlement (ISO 8601). */
  settledAt: z.string().max(40).nullable(),
  /** Answered from main's record of an earlier close of the same batch. */
  repeated: z.boolean(),
});
export type SettleOutcome = z.infer<typeof SettleOutcome>;

export const SettlementModeSchema = z.enum(['auto', 'balanced', 'unbalanced']);

export const settlementCommands = {
  /** Settles the open batch with the host (manager), with a named manager's `settlement-close` grant, used up here. */
  'acquirer:settle': command(
    z.object({ batch: Batch, domestic: SettlementTotalsSchema, foreign: SettlementTotalsSchema, transactions: z.array(BatchUploadItemSchema).max(5000), grantId: GrantId }).strict(),
    SettleOutcome,
  ),
  /** Training: how the simulated host answers the next settlement (auto compares totals); without `mode`, reads it. */
  'acquirer:simulator-settlement': command(z.object({ mode: SettlementModeSchema.optional() }).strict(), z.object({ mode: SettlementModeSchema })),
} satisfies Record<string, CommandSpec>;
