import { describe, expect, it } from 'vitest';
import { EvidenceSaleWire } from '../../../../shared/ipc/commands/evidence';
import { saleRecord } from '../../data/sale-fixture';
import type { AuditEntry, PrintJobRecord, SignatureRecord } from '../../data/records';
import { hostExchanges } from './host-summary';
import { auditEntryWire, receiptWires, saleFacts, signatureWire, toSaleWire } from './evidence-wire';

const SHOP = { merchantId: '898100000000001', terminalId: '10000001' };
const card = { maskedPan: '621234******1232', bin: '621234', last4: '1232', brand: 'unionpay' as const, entryMode: 'hid-swipe' as const, chip: false, fingerprint: 'a'.repeat(64) };
const sale = saleRecord({ id: '0190a000-0000-7000-8000-000000000001', createdAt: 1000, updatedAt: 9000, amountFen: 2345, card, last4: '1232', fingerprint: 'a'.repeat(64), sealed: 'opaque-sealed-blob', stan: '000123', batch: '000001', authCode: '123456', rrn: '612345678901', responseCode: '00' });
const entry = (seq: number, action: string, detail: Record<string, unknown>, at: number): AuditEntry => ({ seq, id: `a${seq}`, at: new Date(at).toISOString(), actor: 'op-1', action, objectType: 'sale', objectId: sale.id, result: 'ok', device: 'd', detail, prevHash: '0'.repeat(64), hash: '1'.repeat(64), tree: ['2'.repeat(64)] });

describe('evidence wire (one sale as evidence:sales carries it)', () => {
  it('masks the card to BIN and last 4 and carries nothing sealed or keyed', () => {
    const facts = saleFacts(sale, SHOP, '张三');
    expect(facts.card).toEqual({ maskedPan: '621234******1232', last4: '1232', brand: 'unionpay', entryMode: 'hid-swipe', chip: false });
    const text = JSON.stringify(facts);
    expect(text).not.toContain('opaque-sealed-blob');
    expect(text).not.toContain('a'.repeat(64));
    expect(facts.operator).toEqual({ id: 'op-1', name: '张三' });
  });

  it('keeps a signature’s snapshot of the signed fields, or null for a record without one, and its PNG as base64', () => {
    const base: SignatureRecord = { id: 's1', saleId: sale.id, kind: 'original', createdAt: 5000, operatorId: 'op-1', strokes: [[{ x: 1, y: 2, t: 0, pressure: 0.5 }]], image: 'data:image/png;base64,iVBORw0KGgo=', reason: '', contactAttempts: '', approvedBy: null, digest: 'f'.repeat(64) };
    expect(signatureWire(base)).toMatchObject({ signedFields: null, pngBase64: 'iVBORw0KGgo=', strokes: [[{ x: 1, y: 2, t: 0 }]] });
    const fields = { saleId: sale.id, kind: 'sale', amountFen: 2345, last4: '1232', brand: 'unionpay', merchantId: SHOP.merchantId, terminalId: SHOP.terminalId, authCode: '123456', rrn: '612345678901', stan: '000123', batch: '000001', createdAt: 1000 };
    expect(signatureWire({ ...base, signedFields: fields }).signedFields).toEqual(fields);
  });

  it('lists each receipt copy with markup, first prints and reprints, and leaves out test slips and jobs without markup', () => {
    const job = (copy: PrintJobRecord['copy'], reprint: number, createdAt: number, markup: string | null, state: PrintJobRecord['state'] = 'confirmed'): PrintJobRecord => ({ id: `${copy}${reprint}`, saleId: sale.id, copy, reprint, createdAt, updatedAt: createdAt + 1, state, failure: state === 'failed' ? 'paper-end' : null, bytesSha256: 'b'.repeat(64), byteCount: 10, printer: 'virtual', operatorId: 'op-1', markup, resolvedAt: null });
    const wires = receiptWires([job('merchant', 1, 30, 'm1', 'failed'), job('merchant', 0, 10, 'm0'), job('test', 0, 5, 't'), job('customer', 0, 20, null)]);
    expect(wires.map((r) => [r.copy, r.reprint, r.outcome])).toEqual([
      ['merchant', 0, 'confirmed'],
      ['merchant', 1, 'failed: paper-end'],
    ]);
  });

  it('summarises the host exchange from the sale’s steps: 0200/0210, STAN, RRN, auth code, response code and times', () => {
    const audit = [entry(1, 'sale.authorizing', { stan: '000123' }, 2000), entry(2, 'sale.approved', { responseCode: '00' }, 2600)];
    expect(hostExchanges(sale, audit)).toEqual([
      { purpose: 'sale', requestMti: '0200', responseMti: '0210', processingCode: '000000', amountFen: 2345, stan: '000123', rrn: '612345678901', authCode: '123456', responseCode: '00', sentAt: 2000, answeredAt: 2600 },
    ]);
    expect(hostExchanges(sale, [entry(1, 'sale.authorizing', { stan: '000123' }, 2000), entry(2, 'sale.no-answer', { failure: 'timeout' }, 32000)])[0]).toMatchObject({ responseMti: null, responseCode: null, answeredAt: null, rrn: null });
  });

  it('strips the stored tree nodes from audit entries, and the whole sale passes the contract schema', () => {
    const e = entry(1, 'sale.approved', {}, 2000);
    expect(auditEntryWire(e)).not.toHaveProperty('tree');
    const wire = toSaleWire({ sale, signatures: [], printJobs: [], cases: [], attachments: [], audit: [e] }, SHOP, '张三', [{ entry: auditEntryWire(e), proof: { seq: 1, leafIndex: 0, treeSize: 1, path: [] } }]);
    expect(EvidenceSaleWire.safeParse(wire).success).toBe(true);
  });
});
