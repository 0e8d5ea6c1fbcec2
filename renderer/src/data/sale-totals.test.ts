import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { dayOf } from '../../../shared/domain/reconciliation/values';
import { summarize } from '../../../shared/domain/reports/summarize';
import { CountersignDb } from './db';
import type { StoredCard } from './records';
import { saleRecord } from './sale-fixture';
import { contributions, totalsDelta } from './sale-totals';
import { createSale, updateSale } from './sales-repo';
import { totalsOf } from './totals-repo';

const visa: StoredCard = { maskedPan: '411111******1111', bin: null, last4: '1111', brand: 'visa', entryMode: 'hid-swipe', chip: false, fingerprint: 'f' };
const fresh = () => new CountersignDb(`t-${uuidv7()}`);
const rung = async (db: CountersignDb, amountFen: number, kind: 'sale' | 'void' | 'refund' = 'sale') => {
  const s = await createSale(db, { kind, amountFen, operatorId: 'op-1', reference: '', note: '', originalSaleId: null });
  await updateSale(db, s.id, { state: 'card-read', card: visa, last4: '1111' }, { actor: 'op-1', action: 'sale.card' });
  await updateSale(db, s.id, { state: 'authorizing', stan: '000001', batch: '000003' }, { actor: 'op-1', action: 'sale.authorizing' });
  return updateSale(db, s.id, { state: 'approved', signatureState: kind === 'sale' ? 'pending' : 'not-required' }, { actor: 'op-1', action: 'sale.approved' });
};

describe('what a sale counts for', () => {
  it('a charged sale is a debit of its day and its batch; an approved void or refund a credit', () => {
    const at = Date.UTC(2026, 10, 23, 17); // 01:00 on the 24th in Beijing
    expect(contributions(saleRecord({ id: 'a', createdAt: at, amountFen: 500, batch: '000002' })).map((c) => c.key)).toEqual(['day|2026-11-24|op-1|sale|unknown|debit', 'batch|000002|op-1|sale|unknown|debit']);
    expect(contributions(saleRecord({ id: 'v', kind: 'void', createdAt: at, amountFen: 500 })).map((c) => c.bucket)).toEqual(['credit']);
    expect(contributions(saleRecord({ id: 'x', state: 'cancelled' }))).toEqual([]);
  });

  it('a voided sale stays a debit (the host settles the sale and its void); unsigned and forwarded are counted beside it', () => {
    expect(contributions(saleRecord({ id: 'a', state: 'voided' })).map((c) => c.bucket)).toEqual(['debit']);
    expect(contributions(saleRecord({ id: 'b', signatureState: 'unsigned', forwardedAt: 1 })).map((c) => c.bucket)).toEqual(['debit', 'forwarded', 'unsigned']);
  });

  it('a step that changes nothing counted changes no total', () => {
    const s = saleRecord({ id: 'a', amountFen: 500, signatureState: 'pending' });
    expect(totalsDelta(s, { ...s, signatureState: 'signed' })).toEqual([]);
    expect(totalsDelta(s, { ...s, signatureState: 'unsigned' }).map((d) => [d.bucket, d.count, d.amountFen])).toEqual([['unsigned', 1, 500]]);
  });
});

describe('running totals written with the sale', () => {
  it('follow a day of sales, a void, a refund and a sale finished unsigned, and add up to the report', async () => {
    const db = fresh();
    const a = await rung(db, 10_000);
    const b = await rung(db, 2_500);
    await updateSale(db, b.id, { signatureState: 'unsigned' }, { actor: 'op-1', action: 'sale.unsigned' });
    await rung(db, 10_000, 'void');
    await updateSale(db, a.id, { state: 'voided' }, { actor: 'op-1', action: 'sale.voided' });
    await rung(db, 700, 'refund');
    const s = summarize(await totalsOf(db, 'batch', '000003'));
    expect([s.debit, s.credit, s.voids, s.refunds, s.unsigned, s.netFen]).toEqual([{ count: 2, fen: 12_500 }, { count: 2, fen: 10_700 }, { count: 1, fen: 10_000 }, { count: 1, fen: 700 }, 1, 1_800]);
    expect(s.lines).toEqual([
      { brand: 'visa', kind: 'sale', count: 2, fen: 12_500 },
      { brand: 'visa', kind: 'void', count: 1, fen: 10_000 },
      { brand: 'visa', kind: 'refund', count: 1, fen: 700 },
    ]);
    expect(summarize(await totalsOf(db, 'day', dayOf(Date.now())))).toEqual(s);
  });

  it('roll back with the sale: a failed step leaves the totals as they were', async () => {
    const db = fresh();
    const a = await rung(db, 10_000);
    await expect(updateSale(db, a.id, { state: 'declined' }, { actor: 'op-1', action: 'bad' })).rejects.toThrow();
    expect(summarize(await totalsOf(db, 'batch', '000003')).debit).toEqual({ count: 1, fen: 10_000 });
  });
});
