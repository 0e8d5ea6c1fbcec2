import { z } from 'zod';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

const saleId = z.string().uuid();
const stan = z.string().regex(/^\d{6}$/);
const fen = z.number().int().positive().max(99_999_999_99);

export const HostOutcome = z.enum(['approved', 'declined', 'no-answer', 'failed']);
export const HostFailure = z.enum(['timeout', 'no-connection', 'socket-closed', 'mac-error', 'malformed']);

/** What the host said (or that it said nothing). Never carries card data. */
export const HostResult = z.object({
  outcome: HostOutcome,
  responseCode: z.string().max(2).nullable(),
  authCode: z.string().max(6).nullable(),
  rrn: z.string().max(12).nullable(),
  stan: stan.nullable(),
  batch: z.string().max(6).nullable(),
  failure: HostFailure.nullable(),
  /** The host asked for a new sign-on (MAC error). */
  resign: z.boolean(),
});
export type HostResult = z.infer<typeof HostResult>;

export const LinkStatus = z.object({
  online: z.boolean().nullable(),
  kind: z.enum(['simulated', 'iso8583']),
  signedOn: z.boolean(),
  lastCheckAt: z.string().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
});

const Original = z.object({ saleId, stan: z.string().max(6), rrn: z.string().max(12), authCode: z.string().max(6), amountFen: fen }).strict();

export const acquirerCommands = {
  /** Allocates STAN and batch for a sale, so the renderer writes them before anything is sent. */
  'acquirer:prepare': command(z.object({ saleId }).strict(), z.object({ stan, batch: z.string().regex(/^\d{6}$/) })),
  /** Sale, refund or void. The card comes out of the vault once; refunds/voids reference the original. */
  'acquirer:authorize': command(
    z.object({ saleId, stan, kind: z.enum(['sale', 'refund', 'void']), amountFen: fen, cardRef: z.string().max(64).optional(), original: Original.optional() }).strict(),
    HostResult,
  ),
  /** Reversal (0400, repeated as 0401) of a sale whose answer never arrived. Idempotent. */
  'acquirer:reverse': command(z.object({ saleId, stan, amountFen: fen }).strict(), HostResult),
  /** What the host knows of a sale. */
  'acquirer:inquire': command(
    z.object({ saleId, stan, amountFen: fen }).strict(),
    z.object({ found: z.boolean(), outcome: HostOutcome, responseCode: z.string().max(2).nullable(), authCode: z.string().max(6).nullable(), rrn: z.string().max(12).nullable() }),
  ),
  /** Takes the card out of the vault and seals it (AES-GCM) for an offline sale. */
  'acquirer:seal': command(z.object({ cardRef: z.string().max(64) }).strict(), z.object({ sealed: z.string() })),
  /** Forwards an offline sale (advice); the sealed card is opened in memory and wiped. */
  'acquirer:forward': command(z.object({ saleId, stan, amountFen: fen, sealed: z.string().max(4096) }).strict(), HostResult),
  'acquirer:sign-on': command(z.object({}).strict(), HostResult),
  'acquirer:status': command(z.object({}).strict(), LinkStatus),
  /** Training: the simulated host's latency and outage switch (host settings). */
  'acquirer:simulator': command(z.object({ latencyMs: z.number().int().min(0).max(60_000).optional(), outage: z.boolean().optional() }).strict(), LinkStatus),
} satisfies Record<string, CommandSpec>;

export const acquirerEvents = {
  'acquirer:link-changed': z.object({ online: z.boolean(), kind: z.enum(['simulated', 'iso8583']), reason: z.string().nullable() }),
};
