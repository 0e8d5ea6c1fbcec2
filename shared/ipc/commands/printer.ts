import { z } from 'zod';
import { PRINTER_FAILURES, PRINTER_STATUS_CODES } from '../../ports/printer-transport';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

export const PrinterStatusCodeSchema = z.enum(PRINTER_STATUS_CODES);
export const PrinterFailureSchema = z.enum(PRINTER_FAILURES);
/** 'report': an end-of-day document (settlement slip, daily or shift report), printed like a receipt. */
export const PrintCopySchema = z.enum(['merchant', 'customer', 'supplementary', 'test', 'report']);

export const PrinterStatusSchema = z.object({
  code: PrinterStatusCodeSchema,
  online: z.boolean().nullable(),
  coverOpen: z.boolean(),
  paperNearEnd: z.boolean(),
  paperEnd: z.boolean(),
  paperEndStop: z.boolean(),
  feedButton: z.boolean(),
  errorOccurred: z.boolean(),
  cutterError: z.boolean(),
  unrecoverable: z.boolean(),
  autoRecoverable: z.boolean(),
  drawerPin3High: z.boolean(),
  replies: z.array(z.string().regex(/^[0-9a-f]{2}$/).nullable()).max(4),
});

/** The printer as the console sees it now: which one, and its last reading. */
export const PrinterState = z.object({
  /** `tcp 192.168.1.50:9100`, `usb 04b8:0202`, `serial COM3`, `virtual 127.0.0.1:40123`. */
  printer: z.string(),
  transport: z.enum(['tcp', 'usb', 'serial', 'virtual']),
  /** Null until the first check finished, or when the connection itself failed. */
  status: PrinterStatusSchema.nullable(),
  /** What the screen explains: the status code, or the connection failure (e.g. connection-refused). */
  condition: z.union([PrinterStatusCodeSchema, PrinterFailureSchema, z.literal('checking')]),
  busy: z.boolean(),
  checkedAt: z.string().nullable(),
  paperWidth: z.union([z.literal(58), z.literal(80)]),
  dotsPerLine: z.number().int(),
  chinese: z.enum(['native', 'raster']),
});
export type PrinterState = z.infer<typeof PrinterState>;

export const PrintResult = z.object({
  jobId: z.string(),
  state: z.enum(['confirmed', 'failed']),
  failure: PrinterFailureSchema.nullable(),
  /** English detail for logs; the screen translates `failure`. */
  message: z.string().nullable(),
  /** SHA-256 of the bytes sent (null when encoding failed before anything was sent). */
  bytesSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  byteCount: z.number().int().nonnegative(),
  /** Whether any byte reached the printer (false: failed before sending; safe to retry). */
  sent: z.boolean(),
  printer: z.string(),
  durationMs: z.number().int().nonnegative(),
});
export type PrintResult = z.infer<typeof PrintResult>;

export const VirtualPrinterStateSchema = z.enum(['online', 'paper-near-end', 'paper-end', 'cover-open', 'offline', 'drop-mid-job']);
export type VirtualPrinterStateName = z.infer<typeof VirtualPrinterStateSchema>;

export const VirtualReceiptSchema = z.object({
  id: z.string(),
  at: z.string(),
  text: z.string(),
  pngDataUrl: z.string().regex(/^data:image\/png;base64,/).nullable(),
  byteCount: z.number().int().nonnegative(),
  cut: z.boolean(),
});

export const printerCommands = {
  /**
   * Encode receiptline markup for the configured printer and print it. The renderer writes the
   * print-journal row before (queued → sending) and the outcome after; main keeps no job state.
   */
  'printer:print': command(
    z
      .object({
        jobId: z.string().min(8).max(64),
        markup: z.string().min(1).max(1_000_000),
        copy: PrintCopySchema,
      })
      .strict(),
    PrintResult,
  ),
  /** The SVG preview of receipt markup (receiptline, same layout as the printed bytes). */
  'printer:preview': command(
    z.object({ markup: z.string().min(1).max(1_000_000) }).strict(),
    z.object({ svg: z.string(), columns: z.number().int() }),
  ),
  /** The printer's status, read now (DLE EOT 1-4). */
  'printer:status': command(z.object({}).strict(), PrinterState),
  /** Test print or paper-width check on the configured printer. */
  'printer:test-print': command(z.object({ kind: z.enum(['test', 'width-check']) }).strict(), PrintResult),
  /** Prints the device key's fingerprint on a slip, for the shop to hand to its bank. */
  'printer:print-device-key': command(z.object({}).strict(), PrintResult),
  /** Training: make the virtual printer run out of paper, open its cover, go offline... */
  'printer:virtual-state': command(
    z.object({ state: VirtualPrinterStateSchema }).strict(),
    z.object({ state: VirtualPrinterStateSchema, running: z.boolean(), address: z.string().nullable() }),
  ),
  /** The virtual printer's latest receipts (newest first), text and PNG. */
  'printer:virtual-receipts': command(
    z.object({ limit: z.number().int().min(1).max(10).default(5) }).strict(),
    z.object({ running: z.boolean(), address: z.string().nullable(), state: VirtualPrinterStateSchema.nullable(), receipts: z.array(VirtualReceiptSchema) }),
  ),
} satisfies Record<string, CommandSpec>;

export const printerEvents = {
  /** Pushed when the printer's condition changes (polled every few seconds while idle). */
  'printer:status-changed': PrinterState,
  /** The virtual printer received a receipt (training): the renderer refreshes its list. */
  'printer:virtual-printed': z.object({ id: z.string(), at: z.string() }),
};
