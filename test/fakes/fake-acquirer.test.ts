import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import { FakeAcquirerApi } from './fake-acquirer';

describe('FakeAcquirerApi', () => {
  it('numbers a sale once and answers a retried authorize from its record', async () => {
    const fake = new FakeAcquirerApi();
    const saleId = uuidv7();
    const p = await fake.invoke('acquirer:prepare', { saleId });
    expect(p).toEqual({ ok: true, value: { stan: '000001', batch: '000001', linkId: 'training' } });
    const req = { saleId, stan: '000001', kind: 'sale' as const, amountFen: 1250, cardRef: 'cr_x', linkId: 'training' };
    const a = await fake.invoke('acquirer:authorize', req);
    expect(await fake.invoke('acquirer:authorize', req)).toEqual(a);
    expect(a).toMatchObject({ ok: true, value: { outcome: 'approved', responseCode: '00' } });
    expect(fake.link.count('authorize', saleId)).toBe(1);
  });

  it('follows the amount table, goes offline on request and tells listeners', async () => {
    const fake = new FakeAcquirerApi();
    const events: boolean[] = [];
    fake.on((p) => events.push(p.online));
    expect(await fake.invoke('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 1051, cardRef: 'cr_x', linkId: 'training' })).toMatchObject({ value: { outcome: 'declined', responseCode: '51' } });
    const lost = uuidv7();
    expect(await fake.invoke('acquirer:authorize', { saleId: lost, kind: 'sale', amountFen: 1099, cardRef: 'cr_x', linkId: 'training' })).toMatchObject({ value: { outcome: 'no-answer' } });
    expect(await fake.invoke('acquirer:inquire', { saleId: lost, stan: '000002', amountFen: 1099, linkId: 'training' })).toMatchObject({ value: { found: true, outcome: 'approved' } });
    fake.setOnline(false);
    expect(await fake.invoke('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 100, cardRef: 'cr_x', linkId: 'training' })).toMatchObject({ value: { outcome: 'failed', failure: 'no-connection' } });
    expect(await fake.invoke('acquirer:inquire', { saleId: lost, stan: '000002', amountFen: 1099, linkId: 'training' })).toMatchObject({ ok: false, error: { reason: 'no-connection' } });
    expect(events).toEqual([false]);
  });

  it('plays scripted results before its default behaviour', async () => {
    const fake = new FakeAcquirerApi();
    fake.link.script('authorize', { ok: false, failure: 'socket-closed', sent: true, responseCode: null, stan: '000001', batch: '000001', resign: false, detail: null });
    expect(await fake.invoke('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 100, cardRef: 'cr_x', linkId: 'training' })).toMatchObject({ value: { outcome: 'no-answer', failure: 'socket-closed' } });
    expect(await fake.invoke('acquirer:authorize', { saleId: uuidv7(), kind: 'sale', amountFen: 100, cardRef: 'cr_x', linkId: 'training' })).toMatchObject({ value: { outcome: 'approved' } });
  });
});
