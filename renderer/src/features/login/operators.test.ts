import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CountersignDb } from '../../data/db';
import { uuidv7 } from '../../../../shared/domain/ids';
import { isWeakPin } from '../../../../shared/domain/pin';
import { addOperator, checkPin, createFirstManager, listOperators } from './operators';

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
});
