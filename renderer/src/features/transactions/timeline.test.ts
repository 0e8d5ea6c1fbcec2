import { describe, expect, it } from 'vitest';
import type { AuditEntry, PrintJobRecord, SignatureRecord } from '../../data/records';
import { buildTimeline } from './timeline';

const T = Date.UTC(2026, 10, 1, 6, 0, 0);
const audit = (seq: number, action: string, detail: Record<string, unknown> = {}): AuditEntry =>
  ({ seq, id: `a${seq}`, at: new Date(T + seq * 1000).toISOString(), actor: 'op', action, objectType: 'sale', objectId: 's', result: 'ok', device: 'd', detail, prevHash: '', hash: '' });
const job: PrintJobRecord = { id: 'j1', saleId: 's', copy: 'merchant', reprint: 0, createdAt: T + 4000, updatedAt: T + 5000, state: 'confirmed', failure: null, bytesSha256: null, byteCount: 0, printer: 'virtual', operatorId: 'op', markup: null, resolvedAt: null };
const signature: SignatureRecord = { id: 'g1', saleId: 's', kind: 'exception', createdAt: T + 6000, operatorId: 'op', strokes: [], image: null, reason: '顾客已离店', contactAttempts: '电话无人接', approvedBy: null, digest: null };

describe('a sale timeline', () => {
  it('shows each step once: audit entries that restate a print job or a signature record are left out', () => {
    const items = buildTimeline(
      [audit(1, 'sale.create'), audit(2, 'sale.approved'), audit(5, 'receipt.printed'), audit(6, 'sale.unsigned-registered', { signatureId: 'g1' })],
      [job],
      [signature],
    );
    expect(items.map((i) => (i.kind === 'audit' ? i.entry.action : i.kind))).toEqual(['sale.create', 'sale.approved', 'print', 'signature']);
  });
});
