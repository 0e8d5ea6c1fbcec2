import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LinkCard, SettlementTotals } from '../../shared/ports/acquirer-link';
import type { CommandError } from '../../shared/ipc/envelope';
import { silentLogger } from '../services/logger';
import { AcquirerState } from './acquirer-state';
import { SettlementService } from './settlement-service';
import { SimulatedAcquirer } from './simulated-acquirer';

/** End of day on main with the training host: totals compared, the batch upload, the batch moved on. */
const card: LinkCard = { pan: '6212345678901232', expiry: '2912', serviceCode: '101', track2: '6212345678901232=2912101000000000', entryMode: 'hid-swipe' };
const visa: LinkCard = { ...card, pan: '4111111111111111', track2: '4111111111111111=2912101000000000' };
const id = (n: number): string => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const none: SettlementTotals = { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 };

const setup = async () => {
  const state = new AcquirerState(mkdtempSync(join(tmpdir(), 'cs-settle-')), silentLogger);
  const sim = new SimulatedAcquirer({ latencyMs: () => 0, outage: () => false, responseTimeoutMs: () => 30 });
  const service = new SettlementService({ link: () => sim, state, logger: silentLogger, observe: () => undefined });
  const a = state.prepare(id(1));
  const b = state.prepare(id(2));
  await sim.authorize({ saleId: id(1), ...a, amountFen: 10_000, card });
  await sim.authorize({ saleId: id(2), ...b, amountFen: 5_000, card: visa });
  const v = state.prepare(id(3));
  await sim.void({ saleId: id(3), ...v, amountFen: 5_000, card: null, original: { saleId: id(2), stan: b.stan, rrn: '', authCode: '', amountFen: 5_000, batch: b.batch, at: null } });
  const transactions = [
    { saleId: id(1), kind: 'sale' as const, stan: a.stan, amountFen: 10_000, rrn: null, authCode: null },
    { saleId: id(2), kind: 'sale' as const, stan: b.stan, amountFen: 5_000, rrn: null, authCode: null },
    { saleId: id(3), kind: 'void' as const, stan: v.stan, amountFen: 5_000, rrn: null, authCode: null },
  ];
  return { state, sim, service, transactions };
};

describe('SettlementService with the training host', () => {
  it('balanced: the host agrees per section, the batch moves on and every later sale is numbered in the new one', async () => {
    const { state, sim, service, transactions } = await setup();
    const r = await service.settle({ batch: '000001', domestic: { ...none, debitCount: 1, debitFen: 10_000 }, foreign: { debitCount: 1, debitFen: 5_000, creditCount: 1, creditFen: 5_000 }, transactions });
    expect(r).toMatchObject({ outcome: 'balanced', batch: '000001', nextBatch: '000002', domestic: 'balanced', foreign: 'balanced', uploaded: 0, repeated: false });
    expect(state.batch).toBe('000002');
    expect(state.prepare(id(9)).batch).toBe('000002');
    expect(sim.count({ type: 'batch-upload' })).toBe(0);
  });

  it('unbalanced: the batch is uploaded and still settled; a repeated close is answered from the record', async () => {
    const { state, sim, service, transactions } = await setup();
    const request = { batch: '000001', domestic: { ...none, debitCount: 1, debitFen: 10_000 }, foreign: { ...none, debitCount: 1, debitFen: 5_000 }, transactions };
    const r = await service.settle(request);
    expect(r).toMatchObject({ outcome: 'uploaded', nextBatch: '000002', domestic: 'balanced', foreign: 'unbalanced', uploaded: 3 });
    expect(sim.count({ type: 'batch-upload' })).toBe(3);
    const again = await service.settle(request);
    expect(again).toMatchObject({ outcome: 'uploaded', nextBatch: '000002', repeated: true });
    expect(sim.count({ type: 'settlement' })).toBe(1);
    expect(state.batch).toBe('000002');
  });

  it('the training switch makes the next settlement unbalanced, once', async () => {
    const { sim, service, transactions } = await setup();
    sim.settlementMode = 'unbalanced';
    const r = await service.settle({ batch: '000001', domestic: { ...none, debitCount: 1, debitFen: 10_000 }, foreign: { debitCount: 1, debitFen: 5_000, creditCount: 1, creditFen: 5_000 }, transactions });
    expect(r.outcome).toBe('uploaded');
    expect(sim.settlementMode).toBe('auto');
  });

  it('refuses a batch that is not the open one, and fails without moving on when the host is down', async () => {
    const { state, service, transactions } = await setup();
    await expect(service.settle({ batch: '000005', domestic: none, foreign: none, transactions })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'batch-mismatch' } satisfies Partial<CommandError>);
    const down = new SettlementService({ link: () => new SimulatedAcquirer({ latencyMs: () => 0, outage: () => true, responseTimeoutMs: () => 30 }), state, logger: silentLogger, observe: () => undefined });
    expect(await down.settle({ batch: '000001', domestic: none, foreign: none, transactions })).toMatchObject({ outcome: 'failed', failure: 'no-connection', nextBatch: null });
    expect(state.batch).toBe('000001');
  });

  it('the settled record survives a restart', async () => {
    const { state, service, transactions } = await setup();
    await service.settle({ batch: '000001', domestic: { ...none, debitCount: 1, debitFen: 10_000 }, foreign: { debitCount: 1, debitFen: 5_000, creditCount: 1, creditFen: 5_000 }, transactions });
    const reopened = new AcquirerState(state.file.replace(/\/acquirer-state\.json$/, ''), silentLogger);
    expect(reopened.batch).toBe('000002');
    expect(reopened.settledBatch('000001')).toMatchObject({ nextBatch: '000002', domestic: 'balanced' });
  });
});
