import { randomBytes } from 'node:crypto';
import type { ApprovalPurpose } from '../../shared/ipc/commands/auth';
import { CommandError } from '../../shared/ipc/envelope';

/**
 * One-time manager approvals. `auth:approve` (a named manager's PIN) grants one; the command
 * that applies the void, refund or exemption consumes it, and only for the purpose, the sale
 * and the window it was granted for. A grant lives two minutes. A retry of the same command
 * (the same void or refund record) may present its grant again; nothing else may.
 */
export interface Grant {
  id: string;
  purpose: ApprovalPurpose;
  /** The sale a void, refund or exemption is for; null for an end-of-day approval. */
  saleId: string | null;
  managerId: string;
  requestedBy: string;
  senderId: string;
  expiresAt: number;
  /** The record that used it (the void or refund sale id, or the exempted sale). */
  usedBy: string | null;
}

export const GRANT_TTL_MS = 2 * 60_000;
/** How long a used grant is remembered, so a retry of the same void or refund is recognised. */
const USED_TTL_MS = 15 * 60_000;

export interface ConsumeRequest {
  purpose: ApprovalPurpose;
  /** The sale a void, refund or exemption is for; null for an end-of-day approval. */
  saleId: string | null;
  senderId: string;
  usedBy: string;
}

export class Approvals {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Records a refused use (main journals it like any refused command). */
    private readonly onRefused: (want: ConsumeRequest, why: string) => void = () => undefined,
  ) {}

  grant(input: Omit<Grant, 'id' | 'expiresAt' | 'usedBy'>): Grant {
    this.prune();
    const g: Grant = { ...input, id: `ag_${randomBytes(16).toString('base64url')}`, expiresAt: this.now() + GRANT_TTL_MS, usedBy: null };
    this.grants.set(g.id, g);
    return g;
  }

  /**
   * Uses a grant for `purpose` on `saleId` from `senderId`, by the record `usedBy`. Throws
   * FORBIDDEN_ROLE / approval-needed when there is no such grant, it is for something else,
   * it expired, or another record already used it.
   */
  consume(grantId: string | undefined, want: ConsumeRequest): Grant {
    this.prune();
    const g = grantId ? this.grants.get(grantId) : undefined;
    const refuse = (why: string): never => {
      this.onRefused(want, why);
      throw new CommandError('FORBIDDEN_ROLE', `a manager's approval is needed: ${why}`, 'approval-needed');
    };
    if (!g) return refuse('no valid approval was given');
    if (g.purpose !== want.purpose || g.saleId !== want.saleId || g.senderId !== want.senderId) return refuse('the approval was for something else');
    if (g.usedBy !== null) return g.usedBy === want.usedBy ? g : refuse('the approval was already used');
    if (g.expiresAt <= this.now()) return refuse('the approval expired');
    g.usedBy = want.usedBy;
    return g;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, g] of this.grants) {
      if ((g.usedBy === null && g.expiresAt <= now) || g.expiresAt + USED_TTL_MS <= now) this.grants.delete(id);
    }
  }
}
