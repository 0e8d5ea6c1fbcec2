import { CARD_FAILURE_MESSAGES } from '../../shared/domain/card/reasons';
import type { CardSource } from '../../shared/ipc/commands/card-reader';
import type { DeviceInfo } from '../../shared/ipc/commands/devices';
import { CommandError } from '../../shared/ipc/envelope';
import type { CardReader, CardReaderEvent, CardReaderInfo } from '../../shared/ports/card-reader';
import { HidCardReader } from '../devices/hid-card-reader';
import { VirtualCardReader } from '../devices/virtual-card-reader';
import type { CoreContext } from '../services/core-context';
import { FINGERPRINT_KEY_BYTES, FINGERPRINT_SECRET } from './card-fingerprint';
import { CardIntake } from './card-intake';
import type { IntakeOutcome } from './card-intake';
import { CardVault } from './card-vault';
import { fireAndLog } from '../services/fire-and-log';

/** The keyboard-emulation pseudo-reader: any reader that types, captured by the renderer. */
export const KEYBOARD_READER_ID = 'card-reader:keyboard';

export interface CardReaderModuleOptions {
  /** Replaces the node-hid adapter (tests pass a fake); null runs without HID. */
  hidReader?: CardReader | null;
  /** A vault with an injected clock (tests); otherwise the context's vault is created. */
  vault?: CardVault;
  now?: () => Date;
}

const vaults = new WeakMap<CoreContext, CardVault>();
const virtualReaders = new WeakMap<CoreContext, VirtualCardReader>();

/**
 * The virtual reader of a running core. Swiping it from main (benchmarks, tests) is what a
 * hardware reader does: the summary goes to the windows with an active session.
 */
export const getVirtualReader = (ctx: CoreContext): VirtualCardReader | undefined => virtualReaders.get(ctx);

/**
 * The card vault of a running core. The acquirer module calls this to `take(cardRef)` the clear
 * card (or `takeEncrypted`); it is created on first use, so module order in core.ts does not matter.
 */
export const getCardVault = (ctx: CoreContext): CardVault => {
  let vault = vaults.get(ctx);
  if (!vault) {
    vault = new CardVault();
    vaults.set(ctx, vault);
  }
  return vault;
};

const deviceFor = (info: CardReaderInfo): DeviceInfo => ({
  id: info.id,
  kind: 'card-reader',
  name: info.name,
  transport: info.mode === 'keyboard' ? 'keyboard' : info.transport,
  vendorId: info.vendorId,
  productId: info.productId,
  status: 'ready',
  detail: info.mode === 'keyboard' ? 'keyboard-mode' : info.format,
  virtual: info.transport === 'virtual',
  lastEventAt: null,
});

/**
 * Card readers: the node-hid adapter, the virtual training reader and keyboard-emulation
 * swipes, all through one intake (decode → ISO 7813 parse → vault → summary). Pushes
 * `card-reader:swiped` / `card-reader:failed`, keeps the readers in the devices list.
 */
export const registerCardReader = async (ctx: CoreContext, opts: CardReaderModuleOptions = {}): Promise<void> => {
  const now = opts.now ?? (() => new Date());
  if (opts.vault) vaults.set(ctx, opts.vault);
  const vault = getCardVault(ctx);
  const key = await ctx.platform.secrets.getOrCreate(FINGERPRINT_SECRET, FINGERPRINT_KEY_BYTES);
  const intake = new CardIntake({ vault, fingerprintKey: key, now });
  const virtual = new VirtualCardReader({ now, logger: ctx.logger });
  virtualReaders.set(ctx, virtual);
  const hid = opts.hidReader === undefined ? new HidCardReader({ logger: ctx.logger }) : opts.hidReader;
  /** The virtual reader emits synchronously; test-swipe reads the outcome its report produced. */
  const lastVirtual: { outcome: IntakeOutcome | null } = { outcome: null };
  const takeVirtualOutcome = (): IntakeOutcome | null => {
    const outcome = lastVirtual.outcome;
    lastVirtual.outcome = null;
    return outcome;
  };

  /**
   * A swipe goes only to the window that asked (keyboard or test swipe: its sender) or, for a
   * reader's own swipe, to the windows with an active operator session; never to the
   * customer's window, never to a locked or signed-out one.
   */
  const deliver = (outcome: IntakeOutcome, source: CardSource, readerId: string, requester?: string): void => {
    const at = now().toISOString();
    ctx.devices.update(readerId, { lastEventAt: at });
    const audience = requester ? [requester] : ctx.sessions.activeSenders();
    if (outcome.ok) {
      ctx.logger.info('card-reader.swiped', { source, brand: outcome.summary.brand, encrypted: outcome.summary.encrypted, chip: outcome.summary.chip, windows: audience.length });
      ctx.events.emitTo(audience, 'card-reader:swiped', outcome.summary);
    } else {
      ctx.logger.info('card-reader.refused', { source, reason: outcome.reason });
      ctx.events.emitTo(audience, 'card-reader:failed', { reason: outcome.reason, source, readerId, at });
    }
  };

  /** Set while `card-reader:test-swipe` runs: the virtual reader's report answers that sender. */
  let testSwipeBy: string | undefined;
  const follow = (reader: CardReader, source: 'hid' | 'virtual') => (event: CardReaderEvent): void => {
    switch (event.type) {
      case 'attached':
        ctx.devices.upsert(deviceFor(event.reader));
        return;
      case 'detached':
        ctx.devices.remove(event.readerId);
        return;
      case 'error':
        ctx.devices.update(event.readerId, { status: 'error', detail: event.detail });
        return;
      case 'report': {
        // A MagTek reader is listed as the 337-byte kind until its first report shows a V5.
        if (source === 'hid') ctx.devices.update(event.readerId, { detail: event.format, status: 'ready' });
        const outcome = intake.fromReport(event.format, event.bytes, source, event.readerId);
        if (reader === virtual) lastVirtual.outcome = outcome;
        deliver(outcome, source, event.readerId, reader === virtual ? testSwipeBy : undefined);
        return;
      }
    }
  };

  const unsubscribers = [virtual.onEvent(follow(virtual, 'virtual'))];
  if (hid) unsubscribers.push(hid.onEvent(follow(hid, 'hid')));

  ctx.devices.upsert({
    id: KEYBOARD_READER_ID,
    kind: 'card-reader',
    name: 'Keyboard-emulation reader',
    transport: 'keyboard',
    vendorId: null,
    productId: null,
    status: 'ready',
    detail: 'keyboard-listener',
    virtual: false,
    lastEventAt: null,
  });

  const applySettings = (): void => {
    const wanted = ctx.settings.get().cardReader.virtualReader;
    if (wanted && !virtual.started) fireAndLog(ctx.logger, 'card-reader.virtual-start-failed', virtual.start());
    if (!wanted && virtual.started) fireAndLog(ctx.logger, 'card-reader.virtual-stop-failed', virtual.stop());
  };
  applySettings();
  const offSettings = ctx.settings.onChange(applySettings);

  ctx.router.handle('card-reader:keyboard-swipe', ({ raw }, sender) => {
    const outcome = intake.fromKeyboard(raw, KEYBOARD_READER_ID);
    deliver(outcome, 'keyboard', KEYBOARD_READER_ID, sender.id);
    if (!outcome.ok) throw new CommandError('CARD', CARD_FAILURE_MESSAGES[outcome.reason], outcome.reason);
    return outcome.summary;
  });

  ctx.router.handle('card-reader:test-swipe', ({ testCard }, sender) => {
    if (!ctx.settings.get().cardReader.virtualReader || !virtual.started) {
      throw new CommandError('DEVICE', 'the virtual card reader is off', 'virtual-reader-off');
    }
    takeVirtualOutcome();
    // The virtual reader emits synchronously: its report is delivered to this sender only.
    testSwipeBy = sender.id;
    try {
      virtual.swipe(testCard);
    } finally {
      testSwipeBy = undefined;
    }
    const outcome = takeVirtualOutcome() ?? { ok: false, reason: 'unreadable' };
    if (!outcome.ok) throw new CommandError('CARD', CARD_FAILURE_MESSAGES[outcome.reason], outcome.reason);
    return outcome.summary;
  });

  ctx.router.handle('card-reader:test-cards', () => ({
    enabled: ctx.settings.get().cardReader.virtualReader,
    cards: virtual.testCards(),
  }));

  ctx.onStop(async () => {
    offSettings();
    for (const off of unsubscribers) off();
    await virtual.stop();
    await hid?.stop();
    vault.clear();
  });

  // HID start loads a native module and enumerates: do not hold up the host's start for it.
  if (hid) fireAndLog(ctx.logger, 'hid.start-failed', hid.start());
};
