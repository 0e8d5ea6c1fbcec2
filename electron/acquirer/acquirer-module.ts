import { linkIdFor, usesSimulatedHost } from '../../shared/domain/link-id';
import type { Settings } from '../../shared/domain/settings';
import type { LinkStatus } from '../../shared/ipc/commands/acquirer';
import type { AcquirerLink } from '../../shared/ports/acquirer-link';
import { CommandError } from '../../shared/ipc/envelope';
import { getCardVault } from '../card/card-reader-module';
import type { CoreContext } from '../services/core-context';
import { AcquirerService } from './acquirer-service';
import type { AcquirerVault } from './acquirer-service';
import { AcquirerState } from './acquirer-state';
import { CardSealer } from './card-seal';
import { frameConfig } from './iso8583/framing';
import type { MacAlgorithm } from './iso8583/mac';
import { Iso8583Link } from './iso8583-link';
import { LinkMonitor } from './link-monitor';
import { MasterKeyStore, asCommandError } from './master-key';
import { SimulatedAcquirer } from './simulated-acquirer';
import { fireAndLog } from '../services/fire-and-log';
import { SettlementService } from './settlement-service';

/** Training mode always uses the simulated host, like the printer uses the virtual printer. */
const usesSimulatedAcquirer = usesSimulatedHost;

const isoConfigKey = (s: Settings): string => {
  const a = s.acquirer;
  return JSON.stringify([a.host, a.port, a.tpdu, a.header, a.connectTimeoutMs, a.responseTimeoutMs, s.shop.terminalId, s.shop.merchantId]);
};

export interface AcquirerModuleOptions {
  /** Link monitor echo intervals (tests shorten them); `false` turns the monitor's timer off. */
  monitor?: { onlineIntervalMs?: number; offlineIntervalMs?: number } | false;
  /**
   * The key the ISO 8583 link uses while no terminal master key is loaded (default: the test key
   * the host simulator uses). A key loaded with `acquirer:load-master-key` takes precedence.
   */
  tmk?: Uint8Array;
  mac?: MacAlgorithm;
}

export interface AcquirerHandle {
  service: AcquirerService;
  masterKey: MasterKeyStore;
  simulator: SimulatedAcquirer;
  monitor: LinkMonitor;
  link: () => AcquirerLink;
  status: () => LinkStatus;
}

const handles = new WeakMap<CoreContext, AcquirerHandle>();

/** The acquirer of a running core (tests read the simulator's record through it). */
export const getAcquirer = (ctx: CoreContext): AcquirerHandle | null => handles.get(ctx) ?? null;

/** The link in use now: the `SimulatedAcquirer` in training, else the `Iso8583Link`. */
export const getAcquirerLink = (ctx: CoreContext): AcquirerLink | null => handles.get(ctx)?.link() ?? null;

/**
 * Card host commands (shared/ipc/commands/acquirer.ts). The renderer orchestrates and writes
 * every step first; main numbers the sale, takes the card out of the vault, talks to the host
 * (the simulated host in training, ISO 8583 otherwise, rebuilt when its settings change) and
 * answers. Card data never leaves main except sealed, and is never logged.
 */
export const registerAcquirer = async (ctx: CoreContext, vault: AcquirerVault = getCardVault(ctx), opts: AcquirerModuleOptions = {}): Promise<void> => {
  const state = new AcquirerState(ctx.platform.dataDir, ctx.logger);
  const sealer = await CardSealer.create(ctx.platform.secrets);
  const masterKey = await MasterKeyStore.open({ secrets: ctx.platform.secrets, dataDir: ctx.platform.dataDir, logger: ctx.logger, ...(opts.tmk ? { fallback: opts.tmk } : {}) });
  const settings = () => ctx.settings.get();
  const simulator = new SimulatedAcquirer({
    latencyMs: () => settings().acquirer.simulatedLatencyMs,
    outage: () => settings().acquirer.simulatedOutage,
    responseTimeoutMs: () => settings().acquirer.responseTimeoutMs,
  });
  const buildIso = (s: Settings): Iso8583Link =>
    new Iso8583Link({
      host: s.acquirer.host,
      port: s.acquirer.port,
      frame: frameConfig(s.acquirer.tpdu, s.acquirer.header),
      connectTimeoutMs: s.acquirer.connectTimeoutMs,
      responseTimeoutMs: s.acquirer.responseTimeoutMs,
      identity: { terminalId: s.shop.terminalId, merchantId: s.shop.merchantId },
      nextStan: () => state.nextStan(),
      batch: { get: () => state.batch, set: (b) => state.setBatch(b) },
      logger: ctx.logger,
      tmk: masterKey.key,
      ...(opts.mac ? { mac: opts.mac } : {}),
    });

  let iso: { link: Iso8583Link; key: string } | null = null;
  const link = (): AcquirerLink => {
    const s = settings();
    if (usesSimulatedAcquirer(s)) return simulator;
    const key = isoConfigKey(s);
    if (!iso || iso.key !== key) {
      if (iso) fireAndLog(ctx.logger, 'acquirer.close-failed', iso.link.close());
      iso = { link: buildIso(s), key };
    }
    return iso.link;
  };

  const monitor = new LinkMonitor({
    echo: () => link().echo(),
    onChange: (online, reason) => {
      ctx.events.emit('acquirer:link-changed', { online, kind: link().kind, reason, at: new Date().toISOString(), linkId: linkIdFor(settings()) });
      ctx.logger.info('acquirer.link', { online, reason, kind: link().kind });
    },
    onError: (error) => ctx.logger.error('acquirer.monitor-failed', { error: error instanceof Error ? error.message : String(error) }),
    ...(opts.monitor ? opts.monitor : {}),
  });
  const service = new AcquirerService({ link, linkId: () => linkIdFor(settings()), state, vault, sealer, logger: ctx.logger, observe: (r) => monitor.observe(r) });
  const settlement = new SettlementService({ link, state, logger: ctx.logger, observe: (r) => monitor.observe(r) });

  const iso8601 = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const status = (): LinkStatus => {
    const current = link();
    const m = monitor.snapshot;
    const a = settings().acquirer;
    return {
      online: m.online,
      kind: current.kind,
      signedOn: current.signedOn,
      host: current instanceof Iso8583Link ? current.address : 'simulated',
      batch: state.batch,
      lastCheckAt: iso8601(m.lastCheckAt),
      lastEchoAt: iso8601(m.lastEchoAt),
      latencyMs: m.latencyMs,
      reason: m.reason,
      simulator: current === simulator ? { latencyMs: a.simulatedLatencyMs, outage: a.simulatedOutage } : null,
      masterKey: masterKey.status(),
      linkId: linkIdFor(settings()),
    };
  };

  /** A new master key: the link in use forgets its working keys (it is rebuilt) and signs on again. */
  const rekeyed = (): void => {
    if (iso) fireAndLog(ctx.logger, 'acquirer.close-failed', iso.link.close());
    iso = null;
    if (usesSimulatedAcquirer(settings())) return;
    fireAndLog(ctx.logger, 'acquirer.check-failed', monitor.check('master-key').then((online) => {
      ctx.events.emit('acquirer:link-changed', { online, kind: link().kind, reason: 'master-key', at: new Date().toISOString(), linkId: linkIdFor(settings()) });
    }));
  };

  let lastKey = `${link().kind}:${isoConfigKey(settings())}`;
  ctx.settings.onChange((s) => {
    const key = `${usesSimulatedAcquirer(s) ? 'simulated' : 'iso8583'}:${isoConfigKey(s)}`;
    const reconfigured = key !== lastKey;
    lastKey = key;
    fireAndLog(ctx.logger, 'acquirer.check-failed', monitor.check('settings').then((online) => {
      if (reconfigured) ctx.events.emit('acquirer:link-changed', { online, kind: link().kind, reason: 'reconfigured', at: new Date().toISOString(), linkId: linkIdFor(s) });
    }));
  });

  handles.set(ctx, { service, masterKey, simulator, monitor, link, status });
  if (opts.monitor !== false) monitor.start();
  ctx.onStop(async () => {
    monitor.stop();
    service.stop();
    await iso?.link.close();
    masterKey.close();
  });

  ctx.router.handle('acquirer:prepare', ({ saleId }) => service.prepare(saleId));
  ctx.router.handle('acquirer:authorize', async (req, sender) => {
    if (req.kind === 'sale' || !req.original) return service.authorize(req);
    // A void or refund needs a manager's grant for this purpose and this original sale, and
    // main journals it as it sends it and as the host answers (RULES 6, 13b).
    const grant = ctx.approvals.consume(req.grantId, { purpose: req.kind, saleId: req.original.saleId, senderId: sender.id, usedBy: req.saleId });
    const actor = ctx.auth.actorOf(sender.id);
    const base = { originalSaleId: req.original.saleId, amountFen: req.amountFen, approvedBy: grant.managerId };
    ctx.journal.append({ actor, action: `${req.kind}.send`, objectType: 'sale', objectId: req.saleId, result: 'ok', detail: base });
    try {
      const answer = await service.authorize(req);
      ctx.journal.append({
        actor,
        action: `${req.kind}.answer`,
        objectType: 'sale',
        objectId: req.saleId,
        result: answer.outcome === 'approved' ? 'ok' : 'fail',
        detail: { ...base, outcome: answer.outcome, responseCode: answer.responseCode, rrn: answer.rrn, failure: answer.failure },
      });
      return answer;
    } catch (error) {
      ctx.journal.append({ actor, action: `${req.kind}.answer`, objectType: 'sale', objectId: req.saleId, result: 'fail', detail: { ...base, error: error instanceof Error ? error.message.slice(0, 200) : String(error) } });
      throw error;
    }
  });
  ctx.router.handle('acquirer:reverse', (req) => service.reverse(req));
  ctx.router.handle('acquirer:inquire', (req) => service.inquire(req));
  ctx.router.handle('acquirer:seal', ({ cardRef }) => service.seal(cardRef));
  ctx.router.handle('acquirer:forward', (req) => service.forward(req));
  ctx.router.handle('acquirer:sign-on', () => service.signOn());
  ctx.router.handle('acquirer:status', async () => {
    if (monitor.snapshot.online === null) await monitor.check('status');
    return status();
  });
  ctx.router.handle('acquirer:echo', async () => {
    await monitor.check('on-demand');
    return status();
  });
  ctx.router.handle('acquirer:simulator', async ({ latencyMs, outage }, sender) => {
    ctx.settings.set({ acquirer: { ...(latencyMs !== undefined ? { simulatedLatencyMs: latencyMs } : {}), ...(outage !== undefined ? { simulatedOutage: outage } : {}) } });
    ctx.journal.append({ actor: ctx.auth.actorOf(sender.id), action: 'training.simulator', objectType: 'settings', objectId: 'acquirer', result: 'ok', detail: { latencyMs: latencyMs ?? null, outage: outage ?? null } });
    await monitor.check('simulator');
    return status();
  });
  ctx.router.handle('acquirer:settle', (req, sender) => {
    ctx.approvals.consume(req.grantId, { purpose: 'settlement-close', saleId: null, senderId: sender.id, usedBy: `batch:${req.batch}` });
    return settlement.settle(req);
  });
  ctx.router.handle('acquirer:simulator-settlement', ({ mode }, sender) => {
    if (mode) {
      simulator.settlementMode = mode;
      ctx.journal.append({ actor: ctx.auth.actorOf(sender.id), action: 'training.settlement', objectType: 'settings', objectId: 'acquirer', result: 'ok', detail: { mode } });
    }
    return { mode: simulator.settlementMode };
  });
  ctx.router.handle('acquirer:master-key', () => masterKey.status());
  // Journaled with the KCV main computed and, when refused, the reason; never the key, nor what
  // was typed as the check value (it could be the key typed into the wrong field).
  ctx.router.handle('acquirer:load-master-key', async ({ keyHex, kcv }, sender) => {
    const actor = ctx.auth.actorOf(sender.id);
    const previous = masterKey.status();
    try {
      const loaded = await masterKey.load(keyHex, kcv);
      ctx.journal.append({
        actor,
        action: 'acquirer.master-key-load',
        objectType: 'acquirer',
        objectId: loaded.kcv,
        result: 'ok',
        detail: { kcv: loaded.kcv, kcvConfirmed: (kcv ?? '').trim() !== '', previousKcv: previous.source === 'loaded' ? previous.kcv : null },
      });
      rekeyed();
      return loaded;
    } catch (error) {
      const refused = asCommandError(error);
      const reason = refused instanceof CommandError ? (refused.reason ?? refused.code) : 'master-key-store';
      ctx.journal.append({ actor, action: 'acquirer.master-key-load', objectType: 'acquirer', objectId: '', result: 'fail', detail: { reason } });
      throw refused;
    }
  });
  ctx.router.handle('acquirer:clear-master-key', async (_req, sender) => {
    const previous = masterKey.status();
    const cleared = await masterKey.clear();
    ctx.journal.append({ actor: ctx.auth.actorOf(sender.id), action: 'acquirer.master-key-clear', objectType: 'acquirer', objectId: previous.source === 'loaded' ? previous.kcv : '', result: 'ok', detail: { previousKcv: previous.source === 'loaded' ? previous.kcv : null } });
    rekeyed();
    return cleared;
  });
};
