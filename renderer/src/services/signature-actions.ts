import { signatureDigest } from '../../../shared/domain/sale/digest';
import type { Settings } from '../../../shared/domain/settings';
import type { ApprovalPurpose } from '../../../shared/ipc/commands/auth';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { CountersignDb } from '../data/db';
import type { SignedSaleFields } from '../../../shared/domain/sale/digest';
import type { Role, SaleRecord, SignaturePoint, SignatureRemedyLink } from '../data/records';
import { getSale, updateSale } from '../data/sales-repo';
import { addPaperSignature, addSignature } from '../data/signatures-repo';
import type { SignatureFile } from '../data/signatures-repo';
import type { ActionFailure, ApprovalResult } from './operator-session';
import { signatureFields } from './signed-fields';

/**
 * Everything that closes a sale's signature question (PRODUCT problem 1), with the rules in one
 * place: the customer signs (at the counter, or later as a supplementary signature), signed on
 * paper, finished unsigned, or waived — an exemption at the counter or 登记并说明 later. Forced
 * signature (the setting now, or the sale's own flag from when it was charged) is waived only
 * with a named manager's approval, on every path: main checks that manager's PIN, grants the
 * waiver once and journals it (`sale:exempt-signature`) before the record is written here. Each
 * outcome is its own record linked to the sale; nothing earlier is overwritten.
 */
/** A named manager approves one void, refund or exemption of one sale in main (operator-session.ts). */
export type ApproveAsManager = (managerId: string, pin: string, purpose: ApprovalPurpose, saleId: string | null) => Promise<ApprovalResult>;

export interface SignatureActionsDeps {
  db: CountersignDb;
  api: CountersignApi;
  operator: { id: string; role: Role };
  settings: () => Settings;
  /** The one way a manager approves: main's one-time grant. */
  approveAsManager: ApproveAsManager;
}

/** `ActionFailure`: main refused the approval or the waiver (wrong PIN, back-off, ...), with its reason. */
export type WaiveOutcome = 'ok' | 'reason-required' | 'manager-required' | ActionFailure;

export class SignatureActions {
  constructor(private readonly deps: SignatureActionsDeps) {}

  /** Whether waiving this sale's signature needs a manager. */
  needsManager(sale: SaleRecord): boolean {
    return sale.signatureForced || this.deps.settings().signature.forced;
  }

  /**
   * What a new record is given for: the sale's signed fields as stored now (read again, so the
   * snapshot is the record, not a screen's copy of it) and, with strokes, their digest. The
   * snapshot is kept beside the digest so 校验签名 can name each field that changes later.
   */
  private async basis(sale: SaleRecord, strokes: SignaturePoint[][] | null): Promise<{ signedFields: SignedSaleFields; digest: string | null }> {
    const signedFields = signatureFields(await this.reload(sale), this.deps.settings());
    return { signedFields, digest: strokes ? signatureDigest(signedFields, strokes) : null };
  }

  async reload(sale: SaleRecord): Promise<SaleRecord> {
    return (await getSale(this.deps.db, sale.id)) ?? sale;
  }

  /** 请确认签字 confirmed at the counter: the customer's original signature. */
  async confirm(sale: SaleRecord, strokes: SignaturePoint[][], png: string): Promise<SaleRecord> {
    await addSignature(this.deps.db, { saleId: sale.id, kind: 'original', operatorId: this.deps.operator.id, strokes, image: png, reason: '', contactAttempts: '', approvedBy: null, ...(await this.basis(sale, strokes)) }, 'signed', 'sale.signed');
    return this.reload(sale);
  }

  /** The cashier finishes without a signature where that is allowed: the sale stays in the unsigned follow-up. */
  async finishUnsigned(sale: SaleRecord): Promise<SaleRecord | 'manager-required'> {
    if (this.needsManager(sale)) return 'manager-required';
    return updateSale(this.deps.db, sale.id, { signatureState: 'unsigned' }, { actor: this.deps.operator.id, action: 'sale.unsigned' });
  }

  /**
   * Waives the signature: `exemption` at the counter, `exception` (登记并说明) from the follow-up.
   * A reason is always needed; the named manager's PIN when forced signature applies.
   */
  async waive(sale: SaleRecord, kind: 'exemption' | 'exception', input: { reason: string; contactAttempts?: string; managerId?: string; managerPin?: string; photo?: SignatureFile }): Promise<WaiveOutcome> {
    const reason = input.reason.trim();
    if (!reason) return 'reason-required';
    let approvedBy: string | null = null;
    if (this.needsManager(sale)) {
      if (!input.managerId || !input.managerPin) return 'manager-required';
      const approval = await this.deps.approveAsManager(input.managerId, input.managerPin, 'exemption', sale.id);
      if (!approval.ok) return { reason: approval.reason, retryAfterMs: approval.retryAfterMs };
      // Main uses the grant up and journals the waiver before anything is written here.
      const recorded = await this.deps.api.invoke('sale:exempt-signature', { grantId: approval.grantId, saleId: sale.id, reason });
      if (!recorded.ok) return { reason: recorded.error.reason ?? recorded.error.code, retryAfterMs: null };
      approvedBy = recorded.value.approvedBy.id;
    }
    await addSignature(
      this.deps.db,
      { saleId: sale.id, kind, operatorId: this.deps.operator.id, strokes: [], image: null, reason, contactAttempts: input.contactAttempts?.trim() ?? '', approvedBy, ...(await this.basis(sale, null)) },
      'waived',
      kind === 'exemption' ? 'sale.signature-exempted' : 'sale.unsigned-registered',
      // 登记并说明 may keep a photo (the customer's note, a chat screenshot); throws past the limit.
      kind === 'exception' ? input.photo : undefined,
    );
    return 'ok';
  }

  /**
   * 补签: the customer signs later; a new record beside the original. `remedyFor` links it to the
   * signature whose 校验签名 failed when it is taken as that check's remedy (re-sign now).
   */
  async supplementary(sale: SaleRecord, strokes: SignaturePoint[][], png: string, remedyFor: SignatureRemedyLink | null = null): Promise<void> {
    await addSignature(
      this.deps.db,
      { saleId: sale.id, kind: 'supplementary', operatorId: this.deps.operator.id, strokes, image: png, reason: '', contactAttempts: '', approvedBy: null, remedyFor, ...(await this.basis(sale, strokes)) },
      'signed',
      'sale.supplementary-signature',
    );
  }

  /** Signed on paper: the scan or photo is kept with the record. Throws AttachmentTooLargeForSignature past the limit. */
  async onPaper(sale: SaleRecord, file: { name: string; type: string; bytes: Uint8Array }, note: string, remedyFor: SignatureRemedyLink | null = null): Promise<void> {
    const { signedFields } = await this.basis(sale, null);
    await addPaperSignature(this.deps.db, { saleId: sale.id, operatorId: this.deps.operator.id, note, file, signedFields, remedyFor });
  }

  /**
   * 登记并说明 for a failed 校验签名 (the sale keeps its signature state: it was signed, and the
   * explanation is recorded beside it, linked to the signature whose check failed). No waiver,
   * so no manager: nothing about the signature requirement changes. Throws past the photo limit.
   */
  async explainFailedCheck(sale: SaleRecord, remedyFor: SignatureRemedyLink, input: { reason: string; contactAttempts?: string; photo?: SignatureFile }): Promise<'ok' | 'reason-required'> {
    const reason = input.reason.trim();
    if (!reason) return 'reason-required';
    await addSignature(
      this.deps.db,
      { saleId: sale.id, kind: 'exception', operatorId: this.deps.operator.id, strokes: [], image: null, reason, contactAttempts: input.contactAttempts?.trim() ?? '', approvedBy: null, remedyFor, ...(await this.basis(sale, null)) },
      null,
      'sale.signature-check-explained',
      input.photo,
    );
    return 'ok';
  }
}
