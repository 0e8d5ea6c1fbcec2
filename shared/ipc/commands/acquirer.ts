import { z } from 'zod';
import { UUID_V7 } from '../../domain/ids';
import { LINK_ID_PATTERN } from '../../domain/link-id';
import { LINK_FAILURES } from '../../ports/acquirer-link';
import { GrantId } from './auth';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

/**
 * The card host, for the renderer's write-ahead sale flow (ARCHITECTURE "The sale, as data"):
 *   1. `acquirer:prepare` {saleId} → {stan, batch, linkId}; the renderer writes all three with the sale.
 *   2. `acquirer:authorize` (sale / refund / void) sends; the answer is written before the next step.
 *   3. No answer → the sale is `unknown`; before the next online sale the renderer calls
 *      `acquirer:inquire` and `acquirer:reverse` (repeated until answered).
 *   Offline: `acquirer:seal` {cardRef} → sealed blob stored with the sale; later
 *   `acquirer:forward` sends it as an advice, exactly once per sale.
 * Every request that moves or settles money names the link its record was taken on (`linkId`,
 * shared/domain/link-id.ts); main refuses it (CONFLICT `link-mismatch`) when the link in use is
 * another one, so training never settles a live record and a new host never sees an old host's sale.
 * A final answer is remembered per sale and given again to a retry; a sale sent without an answer
 * is never sent again (CONFLICT `sent-no-answer`: resolve it by inquiry and reversal). An advice
 * is the exception: its retry goes out as an 0221 repeat with the same STAN, and the host treats
 * it as the same advice.
 * No request or response here carries card data; response schemas strip unknown keys.
 */
const LinkId = z.string().regex(LINK_ID_PATTERN, 'expected a link id');
const SaleId = z.string().regex(UUID_V7, 'expected a UUIDv7');
const Stan = z.string().regex(/^\d{6}$/, 'expected six digits');
const Batch = z.string().regex(/^\d{6}$/, 'expected six digits');
/** Field 4 is n12: up to 999 999 999 999 fen. */
const AmountFen = z.number().int().positive().max(999_999_999_999);
const Printable = (max: number) => z.string().regex(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`), `expected at most ${max} printable characters`);
const CardRef = z.string().regex(/^cr_[A-Za-z0-9_-]{1,64}$/, 'expected a cardRef');

export const AcquirerKindSchema = z.enum(['simulated', 'iso8583']);
export const HostOutcome = z.enum(['approved', 'declined', 'no-answer', 'failed']);
export const HostFailure = z.enum(LINK_FAILURES);

/**
 * Why a terminal master key was refused or could not be stored (`acquirer:load-master-key`,
 * VALIDATION or STORAGE errors; electron/acquirer/master-key-check.ts has the rules).
 */
export const MASTER_KEY_ERROR_REASONS = [
  /** Not 32 hex digits (or 16 for a single-length key); spaces and hyphens are ignored. */
  'master-key-format',
  /** All one byte, a DES weak or semi-weak half, or two equal halves (that is single DES). */
  'master-key-weak',
  /** The built-in test key: it only works with the host simulator. */
  'master-key-is-test',
  /** The check value typed is not 6 or 8 hex digits. */
  'master-key-kcv-format',
  /** The key's check value differs from the one typed: a typing mistake, or another key's KCV. */
  'master-key-kcv-mismatch',
  /** The platform secret store refused (e.g. the OS keychain is not available): nothing was changed. */
  'master-key-store',
] as const;
export type MasterKeyErrorReason = (typeof MASTER_KEY_ERROR_REASONS)[number];

/** Reasons of CommandErrors from this domain (the renderer translates them). */
export const ACQUIRER_ERROR_REASONS = [
  /** The card left the vault (used, or read more than two minutes ago): swipe again. */
  'card-expired',
  /** An encrypting reader's swipe: this host link cannot send it in clear. */
  'card-encrypted',
  /** The STAN sent with authorize differs from the one `acquirer:prepare` gave this sale. */
  'stan-mismatch',
  /** The record was taken on another link (training vs a live host, or another host): nothing was sent. */
  'link-mismatch',
  /** This sale was sent and got no answer: it is never sent again, only inquired and reversed. */
  'sent-no-answer',
  /** The sealed offline card is not ours, is cut short, or is from another version. */
  'sealed-malformed',
  /** The sealed offline card failed authentication (edited, or sealed under another key). */
  'sealed-tampered',
  /** An inquiry got no usable answer: the LinkFailure names why (timeout, no-connection, …). */
  ...LINK_FAILURES,
  ...MASTER_KEY_ERROR_REASONS,
] as const;
export type AcquirerErrorReason = (typeof ACQUIRER_ERROR_REASONS)[number];

/** What the host said, or that it said nothing. `failed`: certainly not sent; `no-answer`: resolve it. */
export const HostResult = z.object({
  outcome: HostOutcome,
  responseCode: Printable(2).nullable(),
  authCode: Printable(6).nullable(),
  rrn: Printable(12).nullable(),
  stan: Stan.nullable(),
  batch: Batch.nullable(),
  /** The host's clock (ISO 8601) when it sent one. */
  hostTime: z.string().max(40).nullable(),
  failure: HostFailure.nullable(),
  /** Sign on again before the next request (A0 / MAC failure); the link also does it by itself. */
  resign: z.boolean(),
  /**
   * Why an answer was refused (`malformed`, `mac-error`): the ISO 8583 codec's reason
   * (truncated, bad-bcd, mac-mismatch, …; electron/acquirer/iso8583/errors.ts) and the field.
   * Optional so older producers still satisfy the type; the acquirer module always sets it.
   */
  rejection: z.object({ reason: z.string().regex(/^[a-z0-9-]{1,40}$/), field: z.number().int().min(0).max(128).nullable() }).nullable().optional(),
});
export type HostResult = z.infer<typeof HostResult>;

export const InquiryResult = z.object({
  found: z.boolean(),
  /** The original was approved and has not been reversed. */
  approved: z.boolean(),
  reversed: z.boolean(),
  outcome: z.enum(['approved', 'declined', 'reversed', 'not-found']),
  /** The original's response code as the host recorded it. */
  responseCode: Printable(2).nullable(),
  authCode: Printable(6).nullable(),
  rrn: Printable(12).nullable(),
  stan: Stan,
});
export type InquiryResult = z.infer<typeof InquiryResult>;

/**
 * The terminal master key (TMK) in use, never the key itself: its check value and when it was
 * loaded. Without a loaded key the link uses the built-in test key, which only the host
 * simulator (`npm run host-sim`) knows; a real host refuses the sign-on (A0).
 */
export const MasterKeyStatus = z.object({
  /** `loaded`: entered on this console by the acquirer's engineer; `test`: the built-in test key. */
  source: z.enum(['loaded', 'test']),
  /** Key check value: 3DES of a zero block under the key, first 3 bytes, 6 upper-case hex digits. */
  kcv: z.string().regex(/^[0-9A-F]{6}$/, 'expected 6 hex digits'),
  /** When the key was loaded (ISO 8601, UTC); null for the test key. */
  loadedAt: z.string().max(40).nullable(),
  /** A key was stored but could not be opened (edited, or the secret store's key changed): load it again. */
  unreadable: z.boolean(),
  /** False when the secret store is a user-only file (browser host) rather than the OS keychain. */
  protectedByOs: z.boolean(),
});
export type MasterKeyStatus = z.infer<typeof MasterKeyStatus>;

export const LinkStatus = z.object({
  /** Null until the first check. */
  online: z.boolean().nullable(),
  kind: AcquirerKindSchema,
  signedOn: z.boolean(),
  /** `simulated` or `host:port`. */
  host: z.string().max(300),
  batch: Batch,
  lastCheckAt: z.string().nullable(),
  lastEchoAt: z.string().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
  /** Why the link is in its state (echo-ok, echo-failed, no-connection, answered, …). */
  reason: z.string().max(64).nullable(),
  /** The training host's switches; null when a real host is configured. */
  simulator: z.object({ latencyMs: z.number().int().nonnegative(), outage: z.boolean() }).nullable(),
  /** The terminal master key. Optional so older producers (fakes) still satisfy the type; the acquirer module always sets it. */
  masterKey: MasterKeyStatus.optional(),
  /** The link in use now (shared/domain/link-id.ts). Optional for older producers; the acquirer module always sets it. */
  linkId: LinkId.optional(),
});
export type LinkStatus = z.infer<typeof LinkStatus>;

const Original = z
  .object({
    saleId: SaleId,
    stan: z.string().regex(/^(\d{6})?$/, 'expected six digits or empty'),
    rrn: Printable(12),
    authCode: Printable(6),
    amountFen: AmountFen,
    batch: z.string().regex(/^(\d{6})?$/, 'expected six digits or empty').optional(),
  })
  .strict();

export const AuthorizeRequest = z
  .object({
    saleId: SaleId,
    kind: z.enum(['sale', 'refund', 'void']),
    amountFen: AmountFen,
    /** The STAN from `acquirer:prepare` (checked against it); main allocates one when absent. */
    stan: Stan.optional(),
    /** The link `acquirer:prepare` named: refused if the link in use changed since. */
    linkId: LinkId,
    /** Required for a sale; a refund or void may carry a fresh swipe. */
    cardRef: CardRef.optional(),
    /** Required for a refund or void. */
    original: Original.optional(),
    /**
     * A refund or void: the manager's one-time grant from `auth:approve` for this purpose and
     * the original sale. Main refuses one without it (FORBIDDEN_ROLE, approval-needed).
     */
    grantId: GrantId.optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.kind === 'sale' && !req.cardRef) ctx.addIssue({ code: 'custom', path: ['cardRef'], message: 'a sale needs a card' });
    if (req.kind !== 'sale' && !req.original) ctx.addIssue({ code: 'custom', path: ['original'], message: 'a refund or void needs the original sale' });
  });

const Empty = z.object({}).strict();

export const acquirerCommands = {
  /** Allocates (once per sale) the STAN and batch, and names the link in use, so the renderer writes them before anything is sent. */
  'acquirer:prepare': command(z.object({ saleId: SaleId }).strict(), z.object({ stan: Stan, batch: Batch, linkId: LinkId })),
  /** Sale (0200), refund (0220 proc 200000) or void (0200 proc 200000). The card leaves the vault once. */
  'acquirer:authorize': command(AuthorizeRequest, HostResult),
  /**
   * Reversal (0400, repeats as 0401) of a sale whose answer never arrived; `kind` comes from the
   * sale's record. The answer is given as the host sent it: only 00 (reversed) and 25 (no such
   * original) settle it (`reversalSettled`); anything else leaves the sale for a person.
   */
  'acquirer:reverse': command(z.object({ saleId: SaleId, stan: Stan, amountFen: AmountFen, kind: z.enum(['sale', 'void', 'refund']), linkId: LinkId }).strict(), HostResult),
  /** What the host did with a transaction. No usable answer → CommandError ACQUIRER with the failure as reason. */
  'acquirer:inquire': command(z.object({ saleId: SaleId, stan: Stan, amountFen: AmountFen, linkId: LinkId }).strict(), InquiryResult),
  /** Takes the card out of the vault and seals it (AES-256-GCM) for an offline sale; names the link the advice is owed to. */
  'acquirer:seal': command(z.object({ cardRef: CardRef }).strict(), z.object({ sealed: z.string().max(4096), linkId: LinkId })),
  /**
   * Forwards an offline sale as an advice (0220; `repeat` for any later attempt: 0221 with the
   * same STAN, which the host treats as the same advice). The sealed card is opened in memory
   * and wiped. Only a host answer is remembered; a timeout may be retried (as a repeat).
   */
  'acquirer:forward': command(
    z
      .object({ saleId: SaleId, stan: Stan, amountFen: AmountFen, sealed: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64').max(4096), linkId: LinkId, repeat: z.boolean() })
      .strict(),
    HostResult,
  ),
  /** Sign on now (new working keys and batch). The link also signs on by itself when it must. */
  'acquirer:sign-on': command(Empty, HostResult),
  'acquirer:status': command(Empty, LinkStatus),
  /** Checks the link now (echo) and returns the status. */
  'acquirer:echo': command(Empty, LinkStatus),
  /** Training: the simulated host's latency and outage switch (stored in host settings). */
  'acquirer:simulator': command(z.object({ latencyMs: z.number().int().min(0).max(60_000).optional(), outage: z.boolean().optional() }).strict(), LinkStatus),
  /** The terminal master key's status (source, KCV, when loaded); cheap, never talks to the host. */
  'acquirer:master-key': command(Empty, MasterKeyStatus),
  /**
   * Loads a terminal master key typed by the acquirer's engineer: `keyHex` is 32 hex digits
   * (16 for a single-length key; spaces and hyphens ignored), `kcv` the check value from the key
   * sheet (6 or 8 hex digits), checked when given. The key is stored through the platform secret
   * store and never answered, logged or written to settings; the working keys are dropped, so the
   * link signs on again. Refusals: VALIDATION / STORAGE with a MASTER_KEY_ERROR_REASONS reason.
   * Loading is a manager's action; main journals it with the KCV, never the key.
   */
  'acquirer:load-master-key': command(z.object({ keyHex: z.string().max(64), kcv: z.string().max(16).optional() }).strict(), MasterKeyStatus),
  /** Forgets the loaded master key (back to the test key) and drops the working keys. */
  'acquirer:clear-master-key': command(Empty, MasterKeyStatus),
} satisfies Record<string, CommandSpec>;

export const acquirerEvents = {
  /** The link went online or offline (echo, or a request that could not connect / got an answer). */
  'acquirer:link-changed': z.object({ online: z.boolean(), kind: AcquirerKindSchema, reason: z.string().max(64).nullable(), at: z.string(), linkId: LinkId.optional() }),
};
