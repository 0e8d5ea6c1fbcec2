/**
 * Retention (RULES 8, issue 17 item 4): records are kept `months` (24 by default, never fewer
 * than 13) and removed after that only when a verified backup holds them. A backup holds a sale
 * when the sale, and everything attached to it, was last written before the backup began
 * streaming (`startedAt`): every such record was in the database, in that form, as its tables were
 * read. A sale with an open dispute case is kept whatever its age.
 */
export const MIN_RETENTION_MONTHS = 13;
export const DEFAULT_RETENTION_MONTHS = 24;

/** The instant before which records are past retention: `months` calendar months before `now` (UTC). */
export const retentionCutoff = (now: number, months: number): number => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - Math.max(MIN_RETENTION_MONTHS, Math.floor(months)));
  return d.getTime();
};

export interface HoldingBackup {
  name: string;
  /** When the backup began reading the tables (ms). */
  startedAt: number;
  /** The oldest sale it holds (ms); a sale older than this is not in it. */
  firstSale: number;
}

export interface BackupListing {
  name: string;
  folder: 'primary' | 'secondary';
  verified: boolean;
  startedAt?: string | undefined;
  firstSale: string | null;
}

/** The newest verified backup that can vouch for records (one written since `startedAt` was recorded), or null. */
export const holdingBackup = (backups: readonly BackupListing[]): HoldingBackup | null => {
  let best: HoldingBackup | null = null;
  for (const b of backups) {
    if (!b.verified || b.folder !== 'primary' || !b.startedAt || !b.firstSale) continue;
    const startedAt = Date.parse(b.startedAt);
    const firstSale = Date.parse(b.firstSale);
    if (Number.isNaN(startedAt) || Number.isNaN(firstSale)) continue;
    if (!best || startedAt > best.startedAt) best = { name: b.name, startedAt, firstSale };
  }
  return best;
};

/** A row's last write time: its `updatedAt` when it has one, else its `createdAt`. */
export const lastWritten = (row: { createdAt: number; updatedAt?: number | null | undefined }): number => Math.max(row.createdAt, row.updatedAt ?? 0);

/** Whether `sale` may go: past the cutoff, no open case, and held by `backup` with everything attached to it. */
export const removable = (
  sale: { createdAt: number; updatedAt: number; openCases: number },
  attached: ReadonlyArray<{ createdAt: number; updatedAt?: number | null | undefined }>,
  cutoff: number,
  backup: HoldingBackup,
): boolean =>
  sale.createdAt < cutoff &&
  sale.openCases === 0 &&
  sale.createdAt >= backup.firstSale &&
  lastWritten(sale) <= backup.startedAt &&
  attached.every((row) => lastWritten(row) <= backup.startedAt);
