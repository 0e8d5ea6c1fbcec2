import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-file';

interface State {
  stan: number;
  batch: number;
  /** STAN already given to a sale: a retry of the same sale reuses it (RULES 10). */
  bySale: Record<string, string>;
}

/**
 * STAN (000001-999999, rolling) and batch numbers, persisted atomically in the data folder so a
 * restart never reuses a trace number. Remembers the last few hundred sale → STAN pairs.
 */
export class AcquirerNumbering {
  private state: State;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'acquirer-state.json');
    this.state = { stan: 0, batch: 1, bySale: {} };
    if (existsSync(this.file)) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<State>;
        if (Number.isInteger(parsed.stan) && Number.isInteger(parsed.batch)) this.state = { stan: parsed.stan!, batch: parsed.batch!, bySale: parsed.bySale ?? {} };
      } catch {
        // A corrupt file must not reuse numbers: jump ahead instead of starting over.
        this.state = { stan: Math.floor(Date.now() / 1000) % 900_000, batch: 1, bySale: {} };
      }
    }
  }

  batch(): string {
    return String(this.state.batch).padStart(6, '0');
  }

  stanFor(saleId: string): string {
    const known = this.state.bySale[saleId];
    if (known) return known;
    this.state.stan = (this.state.stan % 999_999) + 1;
    const stan = String(this.state.stan).padStart(6, '0');
    const entries = Object.entries(this.state.bySale).slice(-499);
    this.state.bySale = Object.fromEntries([...entries, [saleId, stan]]);
    writeFileAtomic(this.file, JSON.stringify(this.state));
    return stan;
  }
}
