import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, appendAuditEntries, auditTables, verifyChain } from './audit-repo';
import { readCounter } from './counters-repo';
import { CountersignDb } from './db';
import { createSale, updateSaleSteps } from './sales-repo';

const fresh = () => new CountersignDb(`steps-${uuidv7()}`);
const newSale = { kind: 'sale' as const, amountFen: 500, operatorId: 'op-1', reference: '', note: '', originalSaleId: null };
const actor = 'op-1';

describe('several steps of one sale in one transaction', () => {
  it('applies each step in order, audits each, and keeps the running counts right', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    const after = await updateSaleSteps(db, sale.id, [
      { change: { state: 'card-read', last4: '1232' }, audit: { actor, action: 'sale.card-read' } },
      { change: { state: 'authorizing', stan: '000007' }, audit: { actor, action: 'sale.authorizing' } },
    ]);
    expect(after).toMatchObject({ state: 'authorizing', stan: '000007', last4: '1232', version: 3 });
    const entries = await db.audit.orderBy('seq').toArray();
    expect(entries.map((e) => [e.action, e.detail['from'], e.detail['to']])).toEqual([
      ['sale.create', undefined, undefined],
      ['sale.card-read', 'created', 'card-read'],
      ['sale.authorizing', 'card-read', 'authorizing'],
    ]);
    expect(await readCounter(db, 'state:authorizing')).toBe(1);
    expect(await readCounter(db, 'state:created')).toBe(0);
    expect(await readCounter(db, 'state:card-read')).toBe(0);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('an illegal step rolls back the steps before it: nothing is written', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    await expect(
      updateSaleSteps(db, sale.id, [
        { change: { state: 'card-read' }, audit: { actor, action: 'sale.card-read' } },
        { change: { state: 'voided' }, audit: { actor, action: 'sale.voided' } },
      ]),
    ).rejects.toThrow();
    expect(await db.sales.get(sale.id)).toMatchObject({ state: 'created', version: 1 });
    expect(await db.audit.count()).toBe(1);
    expect(await readCounter(db, 'state:created')).toBe(1);
  });

  it('several audit entries appended at once chain like single appends, and only inside a transaction', async () => {
    const db = fresh();
    await appendAudit(db, { actor, action: 'one', objectType: 't', objectId: 'x', result: 'ok' });
    await db.transaction('rw', auditTables(db), () =>
      appendAuditEntries(db, [
        { actor, action: 'two', objectType: 't', objectId: 'x', result: 'ok' },
        { actor, action: 'three', objectType: 't', objectId: 'x', result: 'fail' },
      ]),
    );
    await appendAudit(db, { actor, action: 'four', objectType: 't', objectId: 'x', result: 'ok' });
    const entries = await db.audit.orderBy('seq').toArray();
    expect(entries.map((e) => [e.seq, e.action])).toEqual([[1, 'one'], [2, 'two'], [3, 'three'], [4, 'four']]);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
    await expect(appendAuditEntries(db, [{ actor, action: 'loose', objectType: 't', objectId: 'x', result: 'ok' }])).rejects.toThrow(/transaction/);
  });
});
