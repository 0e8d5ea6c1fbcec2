import { z } from 'zod';
import { command } from '../spec';

export const HostKind = z.enum(['desktop', 'browser']);

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
  /** Folder holding the host's files (settings, logs, exports). IndexedDB lives in the browser profile. */
  dataLocation: z.string(),
  trainingMode: z.boolean(),
  /** False in the browser host: device secrets are in a user-only key file, not the OS keychain. */
  secretsProtectedByOs: z.boolean(),
  /** Disk space where the data folder lives, in bytes, when the host can tell. */
  disk: z.object({ freeBytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() }).nullable(),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A renderer log line: an event name and a few plain fields (never card data: main's redactor runs on it too). */
export const LogLine = z
  .object({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    event: z.string().regex(/^[a-z0-9][a-z0-9.:-]{0,79}$/, 'expected an event name'),
    fields: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).refine((f) => Object.keys(f).length <= 20, 'at most 20 fields'),
  })
  .strict();
export type LogLine = z.infer<typeof LogLine>;

export const appCommands = {
  /** Writes a renderer log line through main's logger (JSON lines under <data>/logs, redacted), as `renderer.<event>`. */
  'app:log': command(LogLine, z.object({})),
  /** Version, host kind, data location and disk space of the host. Storage quota is read by the renderer. */
  'app:info': command(z.object({}).strict(), AppInfo),
  /**
   * Opens the customer-facing window on the second display (desktop host). The browser host
   * answers `opened: false` and the renderer opens the same page with `window=customer` itself.
   */
  'app:open-customer-window': command(z.object({}).strict(), z.object({ opened: z.boolean() })),
};
