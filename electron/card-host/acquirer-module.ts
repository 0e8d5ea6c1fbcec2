import type { HostAnswer } from './link-types';
import type { AcquirerLink } from './link-types';
import { CommandError } from '../../shared/ipc/envelope';
import type { HostResult } from '../../shared/ipc/commands/acquirer';
import { getCardVault } from '../card/card-reader-module';
import type { ClearCard } from '../card/clear-card';
import type { CoreContext } from '../services/core-context';
import { AcquirerNumbering } from './acquirer-numbering';
import { SealError, sealCard, unsealCard } from './card-seal';
import { SimulatedAcquirer } from './simulated-acquirer';
import { UnconfiguredLink } from './unconfigured-link';

const ECHO_EVERY_MS = 20_000;

const toResult = (a: HostAnswer, stan: string | null, batch: string | null): HostResult => ({
  outcome: a.outcome,
  responseCode: a.responseCode,
  authCode: a.authCode,
  rrn: a.rrn,
  stan,
  batch,
  hostTime: null,
  failure: a.failure,
  resign: a.resign,
});

const links = new WeakMap<CoreContext, { current: () => AcquirerLink<ClearCard> }>();

/** The acquirer link of a running core (tests use it to read the simulator's record). */
export const getAcquirerLink = (ctx: CoreContext): AcquirerLink<ClearCard> | null => links.get(ctx)?.current() ?? null;

/**
 * Card host commands. The renderer orchestrates the sale and writes every step first; main
 * numbers it, takes the card out of the vault, talks to the host and answers. Card data never
 * leaves this module except sealed.
 */
export const registerAcquirer = async (ctx: CoreContext): Promise<void> => {
  const numbering = new AcquirerNumbering(ctx.platform.dataDir);
  const sealKey = await ctx.platform.secrets.getOrCreate('offline-seal', 32);
  const vault = getCardVault(ctx);
  const simulator = new SimulatedAcquirer({
    latencyMs: () => ctx.settings.get().acquirer.simulatedLatencyMs,
    outage: () => ctx.settings.get().acquirer.simulatedOutage,
  });
  const unconfigured = new UnconfiguredLink();
  const current = (): AcquirerLink<ClearCard> => (ctx.settings.get().acquirer.kind === 'simulated' || ctx.settings.get().general.trainingMode ? simulator : unconfigured);
  links.set(ctx, { current });

  let online: boolean | null = null;
  let signedOn = false;
  let lastCheckAt: string | null = null;
  let latencyMs: number | null = null;
  let lastReason: string | null = null;
  const setOnline = (value: boolean, reason: string | null): void => {
    lastCheckAt = new Date().toISOString();
    lastReason = reason;
    if (online !== value) {
      online = value;
      ctx.events.emit('acquirer:link-changed', { online: value, kind: current().kind, reason, at: lastCheckAt });
      ctx.logger.info('acquirer.link', { online: value, reason });
    }
  };
  const noteAnswer = (a: HostAnswer): void => {
    if (a.failure === 'no-connection') setOnline(false, 'no-connection');
    else if (a.outcome !== 'failed') setOnline(true, null);
  };
  const echo = async (): Promise<void> => {
    const started = Date.now();
    const ok = await current().echo().catch(() => false);
    latencyMs = Date.now() - started;
    setOnline(ok, ok ? null : 'echo-failed');
  };
  void echo();
  const timer = setInterval(() => void echo(), ECHO_EVERY_MS);
  timer.unref();
  ctx.onStop(() => clearInterval(timer));
  ctx.settings.onChange(() => void echo());

  const status = () => {
    const a = ctx.settings.get().acquirer;
    const simulated = current().kind === 'simulated';
    return {
      online,
      kind: current().kind,
      signedOn,
      host: simulated ? 'simulated' : `${a.host}:${a.port}`,
      batch: numbering.batch(),
      lastCheckAt,
      lastEchoAt: lastCheckAt,
      latencyMs,
      reason: lastReason,
      simulator: simulated ? { latencyMs: a.simulatedLatencyMs, outage: a.simulatedOutage } : null,
    };
  };

  ctx.router.handle('acquirer:prepare', ({ saleId }) => ({ stan: numbering.stanFor(saleId), batch: numbering.batch() }));

  ctx.router.handle('acquirer:echo', async () => {
    await echo();
    return status();
  });

  ctx.router.handle('acquirer:authorize', async (req) => {
    const stan = req.stan ?? numbering.stanFor(req.saleId);
    let card: ClearCard | null = null;
    if (req.kind === 'sale') {
      if (!req.cardRef) throw new CommandError('VALIDATION', 'a sale needs a card', 'card-missing');
      card = vault.take(req.cardRef);
      if (!card) throw new CommandError('CARD', 'the card was read too long ago or already used', 'card-expired');
    } else if (!req.original) throw new CommandError('VALIDATION', 'refunds and voids need the original sale', 'original-missing');
    const original = req.original ? { saleId: req.original.saleId, stan: req.original.stan, rrn: req.original.rrn, authCode: req.original.authCode, amountFen: req.original.amountFen } : undefined;
    const answer = await current().authorize({ saleId: req.saleId, stan, batch: numbering.batch(), kind: req.kind, amountFen: req.amountFen, card, original });
    noteAnswer(answer);
    ctx.logger.info('acquirer.authorize', { saleId: req.saleId, stan, kind: req.kind, outcome: answer.outcome, code: answer.responseCode });
    return toResult(answer, stan, numbering.batch());
  });

  ctx.router.handle('acquirer:reverse', async (req) => {
    const answer = await current().reverse({ saleId: req.saleId, stan: req.stan, amountFen: req.amountFen, batch: numbering.batch() });
    noteAnswer(answer);
    ctx.logger.info('acquirer.reverse', { saleId: req.saleId, stan: req.stan, outcome: answer.outcome });
    return toResult(answer, req.stan, numbering.batch());
  });

  ctx.router.handle('acquirer:inquire', async (req) => {
    const a = await current().inquire({ saleId: req.saleId, stan: req.stan, amountFen: req.amountFen, batch: numbering.batch() });
    noteAnswer(a);
    if (a.outcome === 'failed' || a.outcome === 'no-answer') throw new CommandError('ACQUIRER', 'the host could not be asked', a.failure ?? 'timeout');
    const approved = a.found && a.outcome === 'approved';
    return { found: a.found, approved, reversed: false, outcome: !a.found ? ('not-found' as const) : approved ? ('approved' as const) : ('declined' as const), responseCode: a.responseCode, authCode: a.authCode, rrn: a.rrn, stan: req.stan };
  });

  ctx.router.handle('acquirer:seal', ({ cardRef }) => {
    const card = vault.take(cardRef);
    if (!card) throw new CommandError('CARD', 'the card was read too long ago or already used', 'card-expired');
    return { sealed: sealCard(sealKey, card) };
  });

  ctx.router.handle('acquirer:forward', async (req) => {
    let card: ClearCard;
    try {
      card = unsealCard(sealKey, req.sealed);
    } catch (error) {
      throw new CommandError('VALIDATION', 'the sealed card could not be opened', error instanceof SealError ? `sealed-${error.reason}` : 'sealed-malformed');
    }
    const answer = await current().authorize({ saleId: req.saleId, stan: req.stan, batch: numbering.batch(), kind: 'sale', amountFen: req.amountFen, card, advice: true });
    noteAnswer(answer);
    ctx.logger.info('acquirer.forward', { saleId: req.saleId, stan: req.stan, outcome: answer.outcome });
    return toResult(answer, req.stan, numbering.batch());
  });

  ctx.router.handle('acquirer:sign-on', async () => {
    const answer = await current().signOn();
    signedOn = answer.outcome === 'approved';
    noteAnswer(answer);
    return toResult(answer, null, numbering.batch());
  });

  ctx.router.handle('acquirer:status', async () => {
    if (online === null) await echo();
    return status();
  });

  ctx.router.handle('acquirer:simulator', async ({ latencyMs: latency, outage }) => {
    ctx.settings.set({ acquirer: { ...(latency !== undefined ? { simulatedLatencyMs: latency } : {}), ...(outage !== undefined ? { simulatedOutage: outage } : {}) } });
    await echo();
    return status();
  });
};
