import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-file';
import type { Logger } from '../services/logger';

/**
 * STAN and batch numbering, in `<data>/acquirer-state.json` (written atomically on every
 * allocation, so a restart never reuses a trace number). A STAN is six digits rolling
 * 000001 → 999999 → 000001. `prepare(saleId)` is idempotent: the same sale always gets the same
 * STAN (RULES 10), and the last few hundred sale → STAN pairs survive a restart.
 * No card data is ever stored here.
 */
interface StateFile {
  version: 1;
  lastStan: number;
  batch: string;
  prepared: Array<[saleId: string, stan: string, batch: string]>;
  /** Batches settled with the host, newest last, with what the host said (a retried close gets the same answer). */
  settled?: SettledBatch[];
}

/** A batch the host has settled (end of day); kept so a repeated close is answered from the record. */
export interface SettledBatch {
  batch: string;
  nextBatch: string;
  at: string;
  domestic: string;
  foreign: string;
  uploaded: number;
  settleDate: string | null;
}

const KEEP_SETTLED = 100;
const isSettled = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.batch === 'string' && typeof o.nextBatch === 'string' && typeof o.at === 'string' && typeof o.domestic === 'string' && typeof o.foreign === 'string' && Number.isInteger(o.uploaded);
};

const KEEP_PREPARED = 500;
const isState = (v: unknown): v is StateFile => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    o.version === 1 &&
    Number.isInteger(o.lastStan) &&
    (o.lastStan as number) >= 0 &&
    (o.lastStan as number) <= 999_999 &&
    typeof o.batch === 'string' &&
    /^\d{6}$/.test(o.batch) &&
    Array.isArray(o.prepared) &&
    o.prepared.every((p) => Array.isArray(p) && p.length === 3 && p.every((x) => typeof x === 'string')) &&
    (o.settled === undefined || (Array.isArray(o.settled) && o.settled.every(isSettled)))
  );
};

export const formatStan = (n: number): string => String(n).padStart(6, '0');

export class AcquirerState {
  readonly file: string;
  private state: StateFile;
  private readonly bySale = new Map<string, { stan: string; batch: string }>();

  constructor(dataDir: string, private readonly logger: Logger) {
    this.file = join(dataDir, 'acquirer-state.json');
    this.state = this.load();
    for (const [saleId, stan, batch] of this.state.prepared) this.bySale.set(saleId, { stan, batch });
  }

  private load(): StateFile {
    const fresh: StateFile = { version: 1, lastStan: 0, batch: '000001', prepared: [] };
    if (!existsSync(this.file)) return fresh;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (isState(parsed)) return parsed;
      throw new Error('not an acquirer state');
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      renameSync(this.file, aside);
      // Numbers already used today may still be at the host: jump ahead instead of starting over.
      const lastStan = Math.floor(Date.now() / 1000) % 900_000;
      this.logger.error('acquirer.state-corrupt', { kept: aside, problem: error instanceof Error ? error.message : String(error), lastStan });
      return { ...fresh, lastStan };
    }
  }

  private save(): void {
    this.state.prepared = [...this.bySale.entries()].slice(-KEEP_PREPARED).map(([saleId, p]) => [saleId, p.stan, p.batch]);
    writeFileAtomic(this.file, `${JSON.stringify(this.state)}\n`);
  }

  get batch(): string {
    return this.state.batch;
  }

  get lastStan(): string {
    return formatStan(this.state.lastStan);
  }

  setBatch(batch: string): void {
    if (!/^\d{6}$/.test(batch) || batch === this.state.batch) return;
    this.state.batch = batch;
    this.save();
  }

  /** The batch after `batch` (000001 … 999999, then 000001 again). */
  static after(batch: string): string {
    return formatStan((Number(batch) % 999_999) + 1);
  }

  /**
   * The host settled the open batch: record it and move on to the next number, in one write, so
   * every sale prepared from now on belongs to the new batch. Returns the record.
   */
  closeBatch(record: Omit<SettledBatch, 'nextBatch'>): SettledBatch {
    const settled: SettledBatch = { ...record, nextBatch: AcquirerState.after(record.batch) };
    this.state.settled = [...(this.state.settled ?? []), settled].slice(-KEEP_SETTLED);
    this.state.batch = settled.nextBatch;
    this.save();
    return settled;
  }

  /** The record of a batch settled earlier, or null. */
  settledBatch(batch: string): SettledBatch | null {
    return (this.state.settled ?? []).find((s) => s.batch === batch) ?? null;
  }

  /** A fresh STAN (sign-on, echo, inquiry and every new sale). */
  nextStan(): string {
    this.state.lastStan = (this.state.lastStan % 999_999) + 1;
    this.save();
    return formatStan(this.state.lastStan);
  }

  /** The sale's STAN and batch: allocated on first call, the same ever after. */
  prepare(saleId: string): { stan: string; batch: string } {
    const known = this.bySale.get(saleId);
    if (known) return known;
    this.state.lastStan = (this.state.lastStan % 999_999) + 1;
    const prepared = { stan: formatStan(this.state.lastStan), batch: this.state.batch };
    this.bySale.set(saleId, prepared);
    if (this.bySale.size > KEEP_PREPARED) {
      const oldest = this.bySale.keys().next().value;
      if (oldest !== undefined) this.bySale.delete(oldest);
    }
    this.save();
    return prepared;
  }

  preparedFor(saleId: string): { stan: string; batch: string } | null {
    return this.bySale.get(saleId) ?? null;
  }
}
