import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import { CountersignDb } from '../../data/db';
import { saleRecord } from '../../data/sale-fixture';
import { matchTdlList, parseTdlList } from './tdl-list';

describe('调单 list', () => {
  it('reads one reference per line (also commas, tabs, semicolons), trimmed, without blanks or repeats', () => {
    expect(parseTdlList(' 612345678901 \r\n\n612345678902,612345678901\t0190A000-0000-7000-8000-000000000001;')).toEqual(['612345678901', '612345678902', '0190A000-0000-7000-8000-000000000001']);
  });

  it('matches sale ids and RRNs, says which lines matched nothing, and lists each matched sale once', async () => {
    const db = new CountersignDb(`tdl-${uuidv7()}`);
    const a = saleRecord({ id: uuidv7(), createdAt: 1, rrn: '612345678901' });
    const b = saleRecord({ id: uuidv7(), createdAt: 2, rrn: '612345678902' });
    const voided = saleRecord({ id: uuidv7(), createdAt: 3, kind: 'void', rrn: '612345678901' });
    await db.sales.bulkAdd([a, b, voided]);
    const match = await matchTdlList(db, ['612345678901', b.id.toUpperCase(), '999999999999', b.id]);
    expect(match.matched).toEqual([
      { ref: '612345678901', saleIds: [a.id, voided.id] },
      { ref: b.id.toUpperCase(), saleIds: [b.id] },
      { ref: b.id, saleIds: [b.id] },
    ]);
    expect(match.unmatched).toEqual(['999999999999']);
    expect(match.saleIds).toEqual([a.id, voided.id, b.id]);
  });
});
