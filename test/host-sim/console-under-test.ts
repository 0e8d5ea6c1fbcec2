import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../shared/domain/ids';
import type { SettingsPatch } from '../../shared/domain/settings';
import type { CardSummary } from '../../shared/ipc/commands/card-reader';
import type { PrintResult } from '../../shared/ipc/commands/printer';
import type { CountersignApi } from '../../shared/ipc/contract';
import { getAcquirer, registerAcquirer } from '../../electron/acquirer/acquirer-module';
import { CardVault } from '../../electron/card/card-vault';
import { registerAuditHandlers } from '../../electron/audit/audit-handlers';
import { registerAuthHandlers } from '../../electron/auth/auth-handlers';
import { OperatorStore } from '../../electron/auth/operator-store';
import { EventBus } from '../../electron/services/event-bus';
import { createFileLogger } from '../../electron/services/logger';
import { SettingsStore } from '../../electron/services/settings-store';
import { CountersignDb } from '../../renderer/src/data/db';
import { buildServices } from '../../renderer/src/services/composition';
import type { Services } from '../../renderer/src/services/composition';
import { InFlight } from '../../renderer/src/services/in-flight';
import type { Logger } from '../../renderer/src/services/logger';
import { OperatorSession } from '../../renderer/src/services/operator-session';
import { attachCard, authorizeSale, beginSale } from '../../renderer/src/services/sale-send';
import type { SaleSendDeps } from '../../renderer/src/services/sale-send';
import type { SettleDeps } from '../../renderer/src/services/settlement';
import { linkIdFor } from '../../shared/domain/link-id';
import { findSentinel } from '../card-sentinel';
import { makeTestContext, memorySecrets } from '../fakes/test-core';
import { hashPin } from '../../shared/domain/pin';

/**
 * The console under test for integration tests: main's acquirer module over the router (the
 * training host, or ISO 8583 to the host simulator), and the renderer's services on fake
 * IndexedDB, wired as the composition wires them. `restart()` stops both halves and starts them
 * again on the same data folder and database, as a crash or a reload would: main forgets what it
 * had in memory, the renderer keeps only its records.
 */
export const PAN = '6212345678901232';

export const summary = (cardRef: string): CardSummary => ({
  cardRef,
  maskedPan: '**** 1232',
  last4: '1232',
  bin: '621234',
  panLength: 16,
  brand: 'unionpay',
  entryMode: 'hid-swipe',
  source: 'virtual',
  readerId: 'card-reader:virtual',
  chip: false,
  expiryMonth: 12,
  expiryYear: 2029,
  expiryValid: true,
  fingerprint: 'f'.repeat(64),
  encrypted: false,
  swipedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
});

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface PrintCall {
  jobId: string;
  copy: string;
  markup: string;
}

export const startConsole = async (stops: Array<() => Promise<void> | void>, patch: SettingsPatch = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-console-'));
  const logger = createFileLogger(dataDir);
  const db = new CountersignDb(`console-${uuidv7()}`);
  stops.push(() => db.delete());
  const printed: PrintCall[] = [];
  const vault = new CardVault();
  stops.push(() => vault.clear());

  const startMain = async (first: boolean) => {
    const events = new EventBus(logger);
    const settings = new SettingsStore(dataDir, logger, first ? { acquirer: { simulatedLatencyMs: 0, responseTimeoutMs: 1000 }, signature: { rule: 'never' }, ...patch } : {});
    if (first) settings.set({ acquirer: { simulatedLatencyMs: 0, responseTimeoutMs: 1000 }, signature: { rule: 'never' }, ...patch });
    // Main's real authority (sessions, role table, grants, journal); the console's window is a signed-in cashier.
    const core = await makeTestContext({ dataDir, logger, events, settings, secrets: memorySecrets(9) });
    const ctx = core.ctx;
    const sender = core.signedIn('cashier');
    // Named-manager approvals and the exemption they grant are main's commands.
    registerAuthHandlers(ctx);
    registerAuditHandlers(ctx);
    await registerAcquirer(ctx, vault, { monitor: { onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 } });
    const api = {
      invoke: (command: string, request: unknown) => {
        if (command === 'printer:print') {
          const r = request as PrintCall;
          printed.push(r);
          const result: PrintResult = { jobId: r.jobId, state: 'confirmed', failure: null, message: null, bytesSha256: 'a'.repeat(64), byteCount: r.markup.length, sent: true, printer: 'test', durationMs: 1 };
          return Promise.resolve({ ok: true, value: result });
        }
        return ctx.router.dispatch(command, request, sender);
      },
      on: (event: string, listener: (p: unknown) => void) => events.subscribe((name, payload) => name === event && listener(payload)),
    } as unknown as CountersignApi;
    const handle = getAcquirer(ctx);
    if (!handle) throw new Error('no acquirer');
    return { ctx, api, handle, sender, stop: core.stop };
  };

  let main = await startMain(true);
  stops.push(() => main.stop());
  const operator = { id: 'op-1', name: 'Op', role: 'cashier' as const, disabled: false, createdAt: 0 };

  const renderer = (runStartedAt: number) => {
    const settings = () => main.ctx.settings.get();
    const inFlight = new InFlight();
    const services: Services = buildServices({
      inFlight,
      db,
      api: main.api,
      operator,
      settings,
      // The named manager's PIN is checked by main, as the window's session service asks it.
      approveAsManager: (managerId, pin, purpose, saleId) => new OperatorSession(main.api, db, quiet).approveAsManager(managerId, pin, purpose, saleId),
      logger: quiet,
      runStartedAt,
    });
    const send: SaleSendDeps & SettleDeps = {
      db,
      api: main.api,
      operatorId: operator.id,
      settings,
      inFlight,
      now: () => Date.now(),
      settleFirst: () => services.jobs.settleNow(),
      currentLink: () => linkIdFor(settings()),
      runStartedAt,
    };
    return { services, send };
  };
  let r = renderer(Date.now());

  const swipe = () => vault.put({ pan: PAN, expiry: '2912', serviceCode: '101', track2: `${PAN}=2912101000000000`, track1: `B${PAN}^TEST/UNIONPAY^2912101`, cardholderName: 'TEST/UNIONPAY', entryMode: 'hid-swipe' }).cardRef;

  const t = {
    dataDir,
    db,
    vault,
    printed,
    get main() {
      return main;
    },
    get services() {
      return r.services;
    },
    get send() {
      return r.send;
    },
    sim: () => main.handle.simulator,
    swipe,
    /** A sale the counter's way: card read and authorizing in one write. */
    sell: async (amountFen: number, online = true) => {
      const cardRef = swipe();
      const created = await beginSale(r.send, { amountFen, reference: '', note: '' });
      return authorizeSale(r.send, created, cardRef, online, { card: summary(cardRef) });
    },
    /** As the old flow did: card attached first, then sent. */
    sellAttached: async (amountFen: number, online = true) => {
      const cardRef = swipe();
      const sale = await attachCard(r.send, await beginSale(r.send, { amountFen, reference: '', note: '' }), summary(cardRef));
      return authorizeSale(r.send, sale, cardRef, online);
    },
    /** A manager's one-time grant from main for a void or refund of `saleId` (as `auth:approve` gives it). */
    grant: (purpose: 'void' | 'refund', saleId: string): { approvedBy: string; grantId: string } => {
      const managerId = uuidv7();
      return { approvedBy: managerId, grantId: main.ctx.approvals.grant({ purpose, saleId, managerId, requestedBy: operator.id, senderId: main.sender.id }).id };
    },
    /** A manager in main's operator file (kept across restarts), with a real PIN; returns their id. */
    addManager: async (name: string, pin: string): Promise<string> => {
      const record = OperatorStore.record({ id: uuidv7(), name, role: 'manager', pin: await hashPin(pin), mustChangePin: false, now: Date.now() });
      main.ctx.operators.add([record]);
      return record.id;
    },
    settle: () => r.services.jobs.settleNow(),
    forward: () => r.services.jobs.forwardNow(),
    /** A crash or reload of both halves: main forgets its memory, the renderer keeps its records. */
    restart: async () => {
      r.services.stop();
      await main.stop();
      main = await startMain(false);
      r = renderer(Date.now());
    },
    clean: async (): Promise<string[]> => {
      const dump = JSON.stringify(await Promise.all(db.tables.map((tb) => tb.toArray())));
      return findSentinel({ dataDir, logs: [readFileSync(logger.file, 'utf8')], extraTexts: [dump], needles: [PAN, `${PAN}=2912`] });
    },
  };
  return t;
};
