import type { HostAnswer } from '../../shared/ports/acquirer-link';
import type { AcquirerLink } from '../../shared/ports/acquirer-link';
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
  const setOnline = (value: boolean, reason: string | null): void => {
    lastCheckAt = new Date().toISOString();
    if (online !== value) {
      online = value;
      ctx.events.emit('acquirer:link-changed', { online: value, kind: current().kind, reason });
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

  const status = () => ({ online, kind: current().kind, signedOn, lastCheckAt, latencyMs });

  ctx.router.handle('acquirer:prepare', ({ saleId }) => ({ stan: numbering.stanFor(saleId), batch: numbering.batch() }));

  ctx.router.handle('acquirer:authorize', async (req) => {
    let card: ClearCard | null = null;
    if (req.kind === 'sale') {
      if (!req.cardRef) throw new CommandError('VALIDATION', 'a sale needs a card', 'card-missing');
      card = vault.take(req.cardRef);
      if (!card) throw new CommandError('CARD', 'the card was read too long ago or already used', 'card-expired');
    } else if (!req.original) throw new CommandError('VALIDATION', 'refunds and voids need the original sale', 'original-missing');
    const answer = await current().authorize({ saleId: req.saleId, stan: req.stan, batch: numbering.batch(), kind: req.kind, amountFen: req.amountFen, card, original: req.original });
    card = null;
    noteAnswer(answer);
    ctx.logger.info('acquirer.authorize', { saleId: req.saleId, stan: req.stan, kind: req.kind, outcome: answer.outcome, code: answer.responseCode });
    return toResult(answer, req.stan, numbering.batch());
  });

  ctx.router.handle('acquirer:reverse', async (req) => {
    const answer = await current().reverse({ ...req, batch: numbering.batch() });
    noteAnswer(answer);
    ctx.logger.info('acquirer.reverse', { saleId: req.saleId, stan: req.stan, outcome: answer.outcome });
    return toResult(answer, req.stan, numbering.batch());
  });

  ctx.router.handle('acquirer:inquire', async (req) => {
    const a = await current().inquire({ ...req, batch: numbering.batch() });
    noteAnswer(a);
    return { found: a.found, outcome: a.outcome, responseCode: a.responseCode, authCode: a.authCode, rrn: a.rrn };
  });

  ctx.router.handle('acquirer:seal', ({ cardRef }) => {
    const card = vault.take(cardRef);
    if (!card) throw new CommandError('CARD', 'the card was read too long ago or already used', 'card-expired');
    return { sealed: sealCard(sealKey, card) };
  });

  ctx.router.handle('acquirer:forward', async (req) => {
    let card: ClearCard | null;
    try {
      card = unsealCard(sealKey, req.sealed);
    } catch (error) {
      throw new CommandError('VALIDATION', 'the sealed card could not be opened', error instanceof SealError ? `sealed-${error.reason}` : 'sealed-malformed');
    }
    const answer = await current().authorize({ saleId: req.saleId, stan: req.stan, batch: numbering.batch(), kind: 'sale', amountFen: req.amountFen, card, advice: true });
    card = null;
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
