import type { CountersignDb } from './db';
import { AUDIT_HEAD_KEY, DEVICE_ID_KEY } from './audit-repo';
import { JOURNAL_CURSOR_KEY } from './audit-journal-repo';
import type { ReconOptions } from './records-eod';

/**
 * Renderer-local key-value records in the `settings` table: things this browser profile
 * remembers about itself. Machine settings (printer, acquirer, idle minutes, language) are
 * the host's (settings:get/settings:set), not these.
 */
export interface PersistResult {
  /** What navigator.storage.persist() answered; null where the API is absent. */
  granted: boolean | null;
  /** Unix ms when it was asked. */
  at: number;
}

export interface LocalSettings {
  /** Unix ms when the first manager was created on this profile. */
  'firstRun.completedAt': number;
  /** The answer to the one persistent-storage request made at first run. */
  'storage.persist-requested': PersistResult;
  /** Unix ms up to which sales a stop left at the signature step have been looked for (sale-settle.ts). */
  'sales.interrupted-checked-until': number;
  /** Reconciliation: fee rate, deposits per day or batch, time window. */
  'recon.options': ReconOptions;
}

export type LocalSettingKey = keyof LocalSettings;

/** Keys the audit log keeps beside its entries; only audit-repo writes them. */
const RESERVED = new Set<string>([AUDIT_HEAD_KEY, DEVICE_ID_KEY, JOURNAL_CURSOR_KEY]);

export const getSetting = async <K extends LocalSettingKey>(db: CountersignDb, key: K): Promise<LocalSettings[K] | undefined> =>
  (await db.settings.get(key))?.value as LocalSettings[K] | undefined;

/** Joins the caller's transaction when it includes `settings`. */
export const setSetting = async <K extends LocalSettingKey>(db: CountersignDb, key: K, value: LocalSettings[K], now: number = Date.now()): Promise<void> => {
  if (RESERVED.has(key)) throw new Error(`${key} is written by the audit log only`);
  await db.settings.put({ key, value, updatedAt: now });
};
