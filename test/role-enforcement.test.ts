import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/domain/ids';
import type { PublicOperator, SignInOutcome } from '../shared/ipc/commands/auth';
import type { CommandName } from '../shared/ipc/contract';
import { COMMAND_ACCESS, managerCommands } from '../shared/ipc/roles';
import { SAMPLE_TMK_HEX } from './master-key-test-support';
import { launchBrowserHost } from '../electron/web-host/launch';
import type { BrowserHost } from '../electron/web-host/launch';
import { connectWs } from './ws-client';
import type { WsTestClient } from './ws-client';

/**
 * RULES 13b over the browser host's WebSocket, with a valid launch token: every command the role
 * table (shared/ipc/roles.ts) gives to managers is refused to a connection with no session and
 * to a cashier's, and changes nothing; each refusal is in main's journal. The tests are made
 * from the table, so a new manager command is covered the day it is added (its sample payload
 * below is required by the type).
 */
type ManagerCommand = { [K in CommandName]: (typeof COMMAND_ACCESS)[K] extends 'manager' ? K : never }[CommandName];

let ids: { managerId: string; cashierId: string; otherCashierId: string } = { managerId: '', cashierId: '', otherCashierId: '' };

/** A payload each command would accept and act on, were the sender allowed. */
const samples = (): Record<ManagerCommand, unknown> => ({
  'settings:set': { patch: { general: { idleLockMinutes: 15, trainingMode: false }, offline: { enabled: true, allowSwiped: true, maxAmountFen: 99_999_999 } } },
  'acquirer:load-master-key': { keyHex: SAMPLE_TMK_HEX },
  'acquirer:clear-master-key': {},
  'acquirer:settle': { batch: '000001', domestic: { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 }, foreign: { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 }, transactions: [], grantId: `ag_${'A'.repeat(22)}` },
  'auth:add-operator': { name: 'Mallory', pin: '592817', role: 'manager' },
  'auth:set-disabled': { operatorId: ids.otherCashierId, disabled: true },
  'auth:reset-pin': { operatorId: ids.managerId, pin: '592817' },
  'keys:export-backup': { passphrase: 'correct horse battery staple' },
  'backup:start': { reason: 'manual', passphrase: 'correct horse battery staple', includePins: true },
  'backup:status': {},
  'backup:configure': { retentionMonths: 13 },
  'backup:restore-open': { name: 'countersign-backup.age', passphrase: 'correct horse battery staple' },
  'backup:restore-read': { restoreId: '0'.repeat(32) },
  'backup:restore-commit': { restoreId: '0'.repeat(32), undoName: 'x.age' },
  'backup:restore-cancel': { restoreId: '0'.repeat(32) },
  'evidence:begin': { externalId: 'sale-1', caseRef: null, timeZone: 'Asia/Shanghai', expectedSales: 1, checkpoint: 'x', fileName: 'evidence.zip' },
  'evidence:attachment-part': { exportId: EXPORT_ID, attachmentId: 'a1', offset: 0, data: 'AAAA' },
  'evidence:sales': { exportId: EXPORT_ID, sales: [] },
  'evidence:finish': { exportId: EXPORT_ID },
  'evidence:cancel': { exportId: EXPORT_ID },
});
const EXPORT_ID = '00000000-0000-4000-8000-000000000000';

let dataDir = '';
let host: BrowserHost;
let manager: WsTestClient;
let cashier: WsTestClient;
let nobody: WsTestClient;
let customer: WsTestClient;
let connect: (customerWindow?: boolean) => Promise<WsTestClient>;

const MANAGER_PIN = '482913';
const CASHIER_PIN = '735146';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cs-roles-'));
  host = await launchBrowserHost({ dataDir, port: 0, settingsOverrides: { cardReader: { virtualReader: false } } });
  connect = (customerWindow = false) => connectWs({ origin: host.web.origin, cookie: host.web.cookie, customer: customerWindow });
  manager = await connect();
  expect(await manager.call('auth:first-run', { name: 'Wang', pin: MANAGER_PIN })).toMatchObject({ ok: true });
  const add = async (name: string) => ((await manager.call<PublicOperator>('auth:add-operator', { name, pin: CASHIER_PIN, role: 'cashier' })) as { value: PublicOperator }).value.id;
  ids = {
    managerId: host.core.context.operators.list().find((o) => o.role === 'manager')!.id,
    cashierId: await add('Li'),
    otherCashierId: await add('Zhou'),
  };
  // A loaded master key, so that a refused clear would otherwise have had something to remove.
  expect(await manager.call('acquirer:load-master-key', { keyHex: '5E27C4A19B3D6F08E4A7D1C29F6B3850' })).toMatchObject({ ok: true });
  cashier = await connect();
  const signed = await cashier.call<SignInOutcome>('auth:sign-in', { operatorId: ids.cashierId, pin: CASHIER_PIN });
  expect(signed).toMatchObject({ ok: true, value: { ok: true, session: { state: 'active' } } });
  nobody = await connect();
  customer = await connect(true);
}, 60_000);

afterAll(async () => {
  for (const c of [manager, cashier, nobody, customer]) await c?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every file of the data folder but main's journal and log, by content hash. */
const snapshot = (): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(dataDir, path);
      if (rel === join('audit', 'journal.jsonl') || rel.startsWith('logs')) continue;
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else out[rel] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dataDir);
  return out;
};

const refusalsOf = (command: string) => host.core.context.journal.since(0, 100_000).filter((e) => e.action === 'auth.refused' && e.objectId === command);

describe('main refuses manager commands without a manager session (generated from the role table)', () => {
  it('the role table names every manager command there is, and the samples cover them', () => {
    expect(managerCommands().sort()).toEqual(Object.keys(samples()).sort());
    expect(managerCommands()).toEqual(expect.arrayContaining(['settings:set', 'acquirer:load-master-key', 'auth:add-operator', 'keys:export-backup']));
  });

  it.each(managerCommands())('%s: refused with no session and to a cashier, nothing changes, both refusals journaled', async (command) => {
    const payload = samples()[command as ManagerCommand];
    const before = snapshot();
    const settingsBefore = JSON.stringify(host.core.context.settings.get());
    const operatorsBefore = JSON.stringify(host.core.context.operators.list());
    const journaledBefore = refusalsOf(command).length;
    expect(await nobody.call(command, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'not-signed-in' } });
    expect(await cashier.call(command, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'manager-needed' } });
    expect(await customer.call(command, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'customer-window' } });
    expect(snapshot()).toEqual(before);
    expect(JSON.stringify(host.core.context.settings.get())).toBe(settingsBefore);
    expect(JSON.stringify(host.core.context.operators.list())).toBe(operatorsBefore);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    const journaled = refusalsOf(command).slice(journaledBefore);
    expect(journaled.map((e) => [e.result, e.detail.reason, e.actor])).toEqual([
      ['fail', 'not-signed-in', ''],
      ['fail', 'manager-needed', ids.cashierId],
      ['fail', 'customer-window', ''],
    ]);
  });

  it('the same commands work for the manager’s own session (the refusals above are about the session, not the payload)', async () => {
    expect(await manager.call('settings:set', { patch: { shop: { name: 'Test Shop' } } })).toMatchObject({ ok: true, value: { shop: { name: 'Test Shop' } } });
    const journaled = host.core.context.journal.since(0, 100_000).filter((e) => e.action === 'settings.change');
    expect(journaled.at(-1)).toMatchObject({ actor: ids.managerId, result: 'ok', detail: { changes: { 'shop.name': 'Test Shop' } } });
  });
});

describe('main refuses operator commands to a connection nobody signed in to (generated from the role table)', () => {
  // `session` commands (settlement jobs a locked session may run) need a signed-in session too.
  const operatorCommands = (Object.keys(COMMAND_ACCESS) as CommandName[]).filter((c) => COMMAND_ACCESS[c] === 'operator' || COMMAND_ACCESS[c] === 'session');
  it.each(operatorCommands)('%s', async (command) => {
    const before = refusalsOf(command).length;
    expect(await nobody.call(command, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'not-signed-in' } });
    expect(refusalsOf(command).length).toBe(before + 1);
  });
});

describe('a cashier session cannot void or refund by itself', () => {
  it('acquirer:authorize for a void or refund without a manager’s grant is refused before the host is asked', async () => {
    const original = { saleId: uuidv7(), stan: '000001', rrn: '000000000001', authCode: '123456', amountFen: 3000 };
    for (const kind of ['void', 'refund'] as const) {
      const saleId = uuidv7();
      expect(await cashier.call('acquirer:authorize', { saleId, kind, amountFen: 3000, original, linkId: 'training' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'approval-needed' } });
    }
    const journal = host.core.context.journal.since(0, 100_000);
    expect(journal.some((e) => e.action === 'void.send' || e.action === 'refund.send')).toBe(false);
    expect(journal.filter((e) => e.action === 'auth.refused' && e.detail.reason === 'approval-needed').map((e) => [e.actor, e.detail.purpose])).toEqual([
      [ids.cashierId, 'void'],
      [ids.cashierId, 'refund'],
    ]);
  });
});

describe('a locked session finishes money already taken, and starts nothing new', () => {
  it('settlement commands (role table `session`) pass while locked; a new sale and operator commands are refused as locked', async () => {
    const locked = await connect(false);
    expect(await locked.call<SignInOutcome>('auth:sign-in', { operatorId: ids.otherCashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await locked.call('auth:lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    const sessionCommands = (Object.keys(COMMAND_ACCESS) as CommandName[]).filter((c) => COMMAND_ACCESS[c] === 'session');
    expect(sessionCommands.sort()).toEqual(['acquirer:forward', 'acquirer:inquire', 'acquirer:prepare', 'acquirer:reverse', 'acquirer:status', 'audit:journal']);
    expect(await locked.call('acquirer:status', {})).toMatchObject({ ok: true });
    expect(await locked.call('acquirer:inquire', { saleId: uuidv7(), stan: '000001', amountFen: 100, linkId: 'training' })).toMatchObject({ ok: true });
    expect(await locked.call('acquirer:authorize', { saleId: uuidv7(), stan: '000002', kind: 'sale', amountFen: 100, cardRef: `cr_${'A'.repeat(22)}`, linkId: 'training' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'locked' } });
    expect(await locked.call('printer:status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE', reason: 'locked' } });
    await locked.close();
  });
});
