import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CountersignDb } from '../data/db';
import { uuidv7 } from '../../../shared/domain/ids';
import { isWeakPin } from '../../../shared/domain/pin';
import { listOperators } from '../data/operators-repo';
import { addOperator, approveWithManagerPin, checkPin, createFirstManager } from './operators';

const db = () => new CountersignDb(`t-${uuidv7()}`);

describe('operators', () => {
  it('creates the first manager once, storing only a salted slow hash', async () => {
    const d = db();
    const first = await createFirstManager(d, 'Wang', '482913');
    expect(first.ok).toBe(true);
    const stored = await d.operators.toArray();
    expect(JSON.stringify(stored)).not.toContain('482913');
    expect(stored[0]!.pinIterations).toBeGreaterThanOrEqual(210_000);
    expect((await createFirstManager(d, 'Other', '482913')).ok).toBe(false);
  });

  it('refuses duplicate names, bad and weak PINs', async () => {
    const d = db();
    await createFirstManager(d, 'Wang', '482913');
    expect(await addOperator(d, { name: 'Wang', pin: '592817', role: 'cashier', createdBy: 'x' })).toEqual({ ok: false, problem: 'name-taken' });
    // One writer, so the production path keeps the repository's case- and width-folded uniqueness.
    expect(await addOperator(d, { name: ' wANG ', pin: '592817', role: 'cashier', createdBy: 'x' })).toEqual({ ok: false, problem: 'name-taken' });
    expect(await addOperator(d, { name: 'Ｗａｎｇ', pin: '592817', role: 'cashier', createdBy: 'x' })).toEqual({ ok: false, problem: 'name-taken' });
    expect(await addOperator(d, { name: 'Li', pin: '12a4', role: 'cashier', createdBy: 'x' })).toEqual({ ok: false, problem: 'pin-format' });
    expect(await addOperator(d, { name: 'Li', pin: '1234', role: 'cashier', createdBy: 'x' })).toEqual({ ok: false, problem: 'pin-weak' });
    expect(isWeakPin('0000')).toBe(true);
    expect(isWeakPin('987654')).toBe(true);
    expect(isWeakPin('482913')).toBe(false);
  });

  it('audits a failed login without the PIN, and a good one', async () => {
    const d = db();
    await createFirstManager(d, 'Wang', '482913');
    const [op] = await listOperators(d);
    expect(await checkPin(d, op!.id, '000000', 'login')).toBeNull();
    expect((await checkPin(d, op!.id, '482913', 'login'))?.name).toBe('Wang');
    const entries = await d.audit.where('action').equals('login').toArray();
    expect(entries.map((e) => e.result)).toEqual(['fail', 'ok']);
    expect(JSON.stringify(entries)).not.toContain('000000');
  });

  it('a manager approves with their PIN, audited with its purpose; a cashier’s PIN approves nothing', async () => {
    const d = db();
    const manager = await createFirstManager(d, 'Wang', '482913');
    await addOperator(d, { name: 'Li', pin: '592817', role: 'cashier', createdBy: 'x' });
    expect((await approveWithManagerPin(d, '482913', 'someone', 'refund'))?.id).toBe(manager.ok ? manager.operator.id : '');
    expect(await approveWithManagerPin(d, '592817', 'someone', 'refund')).toBeNull();
    const entries = await d.audit.where('action').equals('manager-approval').toArray();
    expect(entries.map((e) => [e.result, e.detail['purpose']])).toEqual([['ok', 'refund'], ['fail', 'refund']]);
  });
});
