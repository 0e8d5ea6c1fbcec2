import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditPage } from './audit-repo';
import { CountersignDb } from './db';

const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);
const HOUR = 3_600_000;

/** 30 entries an hour apart: every third a failed login by op-2, the rest sale steps by op-1. */
const log = async (): Promise<CountersignDb> => {
  const db = new CountersignDb(`t-${uuidv7()}`);
  for (let i = 1; i <= 30; i++) {
    const login = i % 3 === 0;
    await appendAudit(db, { actor: login ? 'op-2' : 'op-1', action: login ? 'login' : 'sale.create', objectType: 'sale', objectId: `s-${i}`, result: login ? 'fail' : 'ok' }, T0 + i * HOUR);
  }
  return db;
};

const seqs = (page: { entries: Array<{ seq: number }> }): number[] => page.entries.map((e) => e.seq);

describe('audit pages (keyset by seq)', () => {
  it('pages newest first; each page continues below the last one; the last says there is no more', async () => {
    const db = await log();
    const first = await auditPage(db, {}, null, 12);
    expect(seqs(first)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19]);
    const second = await auditPage(db, {}, first.next, 12);
    expect(seqs(second)[0]).toBe(18);
    const third = await auditPage(db, {}, second.next, 12);
    expect(seqs(third)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(third.next).toBeNull();
  });

  it('filters by operator, result and action group', async () => {
    const db = await log();
    const failedLogins = await auditPage(db, { actor: 'op-2', result: 'fail', action: (a) => a === 'login' }, null, 50);
    expect(seqs(failedLogins)).toEqual([30, 27, 24, 21, 18, 15, 12, 9, 6, 3]);
    expect(await auditPage(db, { actor: 'op-1', result: 'fail' }, null, 50)).toEqual({ entries: [], next: null, partial: false });
    // '' is "nobody signed in" (a language switch on the sign-in screen), not "any operator".
    await appendAudit(db, { actor: '', action: 'settings.change', objectType: 'settings', objectId: 'general.language', result: 'ok' }, T0 + 31 * HOUR);
    expect(seqs(await auditPage(db, { actor: '' }, null, 50))).toEqual([31]);
  });

  it('filters by time with the at index: [from, to)', async () => {
    const db = await log();
    const page = await auditPage(db, { from: T0 + 10 * HOUR, to: T0 + 13 * HOUR }, null, 50);
    expect(seqs(page)).toEqual([12, 11, 10]);
    expect((await auditPage(db, { from: T0 + 100 * HOUR }, null, 50)).entries).toEqual([]);
  });

  it('a filter that matches little stops after maxScan rows and carries on from there', async () => {
    const db = await log();
    let page = await auditPage(db, { action: (a) => a === 'nothing' }, null, 5, 10);
    expect(page.partial).toBe(true);
    expect(page.entries).toEqual([]);
    page = await auditPage(db, { action: (a) => a === 'nothing' }, page.next, 5, 1000);
    expect(page).toEqual({ entries: [], next: null, partial: false });
  });
});
