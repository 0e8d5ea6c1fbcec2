import { uuidv7 } from '../../shared/domain/ids';
import { buildDeviceKeySlip, buildPaperWidthCheck, buildTestReceipt } from '../../shared/domain/receipt';
import { CommandError } from '../../shared/ipc/envelope';
import type { CoreContext } from '../services/core-context';
import { PrinterService } from './printer-service';
import { receiptPreviewSvg } from './receipt-preview';
import type { PrinterServiceOptions } from './printer-service';

const services = new WeakMap<CoreContext, PrinterService>();

/** The running printer service of a core (tests and other modules reach the virtual printer through it). */
export const getPrinterService = (ctx: CoreContext): PrinterService | undefined => services.get(ctx);

/**
 * Receipt printing: `printer:print` (encode + send + confirm), `printer:status`,
 * `printer:test-print`, and in training mode the virtual printer's state and receipts.
 * Pushes `printer:status-changed` and `printer:virtual-printed`; keeps the printer in the
 * devices list with its live status.
 */
export const registerPrinter = async (ctx: CoreContext, opts: PrinterServiceOptions = {}): Promise<void> => {
  const service = new PrinterService(ctx, opts);
  services.set(ctx, service);
  await service.start();
  ctx.onStop(() => service.stop());

  ctx.router.handle('printer:print', ({ jobId, markup, copy }) => service.print(jobId, markup, copy));

  ctx.router.handle('printer:status', () => service.refresh());

  ctx.router.handle('printer:preview', ({ markup }) => {
    try {
      return receiptPreviewSvg(markup, ctx.settings.get().printer.paperWidth === 58 ? 32 : 48);
    } catch (error) {
      throw new CommandError('PRINTER', `preview failed: ${error instanceof Error ? error.message : String(error)}`, 'render-failed');
    }
  });

  ctx.router.handle('printer:test-print', ({ kind }) => {
    const s = ctx.settings.get();
    const p = s.printer;
    const markup =
      kind === 'width-check'
        ? buildPaperWidthCheck({ paper: p.paperWidth, dotsPerLine: p.dotsPerLine })
        : buildTestReceipt({ shopName: s.shop.name, printerName: service.transport().label, paper: p.paperWidth, dotsPerLine: p.dotsPerLine, chinese: p.chinese, time: Date.now(), timeZone: s.general.timeZone });
    return service.print(uuidv7(), markup, 'test');
  });

  const virtualAddress = (): string | null => {
    const a = service.virtual?.address;
    return a ? `${a.host}:${a.port}` : null;
  };

  ctx.router.handle('printer:print-device-key', () => {
    const s = ctx.settings.get();
    const id = ctx.deviceKey.identity();
    return service.print(uuidv7(), buildDeviceKeySlip({ shopName: s.shop.name, terminalId: s.shop.terminalId, deviceId: id.deviceId, fingerprint: id.fingerprint, verifierKey: id.verifierKey, time: Date.now(), paper: s.printer.paperWidth }), 'test');
  });

  ctx.router.handle('printer:virtual-state', async ({ state }, sender) => {
    ctx.journal.append({ actor: ctx.auth.actorOf(sender.id), action: 'training.printer', objectType: 'settings', objectId: 'printer', result: 'ok', detail: { state } });
    await service.setVirtualState(state);
    const running = service.virtual !== null;
    return { state: running ? state : 'offline', running, address: virtualAddress() };
  });

  ctx.router.handle('printer:virtual-receipts', async ({ limit }) => {
    const printer = service.virtual;
    if (!printer) return { running: false, address: null, state: null, receipts: [] };
    await printer.whenIdle(300);
    const state = printer.state;
    return {
      running: true,
      address: virtualAddress(),
      state: state === 'unresponsive' || state === 'garbage' ? 'online' : state,
      receipts: printer.receipts(limit).map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), text: r.text, pngDataUrl: r.pngDataUrl, byteCount: r.byteCount, cut: r.cut })),
    };
  });
};
