import type { CountersignApi } from '../../../shared/ipc/contract';
import { journalCursor, takeJournalEntries } from '../data/audit-journal-repo';
import type { CountersignDb } from '../data/db';

/**
 * Takes main's journal into the audit log (audit-journal-repo.ts) while someone is signed in:
 * when main says it appended (`audit:journal-appended`), at start, and every half minute in case
 * an event was missed. One run at a time; a run drains everything pending in pages of 500.
 */
const POLL_MS = 30_000;
const PAGE = 500;

export class JournalIntake {
  private running: Promise<void> | null = null;
  private again = false;
  private off: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: CountersignDb,
    private readonly api: CountersignApi,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.off) return;
    this.off = this.api.on('audit:journal-appended', () => {
      this.run().catch(this.onError);
    });
    this.timer = setInterval(() => {
      this.run().catch(this.onError);
    }, POLL_MS);
    this.run().catch(this.onError);
  }

  stop(): void {
    this.off?.();
    this.off = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when everything main had journaled when it was called is in the audit log. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.run().catch(this.onError);
        }
      });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const cursor = await journalCursor(this.db);
      const answer = await this.api.invoke('audit:journal', { after: cursor.seq, limit: PAGE });
      if (!answer.ok) return;
      const { entries, head } = answer.value;
      if (entries.length === 0 && head.seq >= cursor.seq) return;
      await takeJournalEntries(this.db, entries, head);
      if (entries.length < PAGE && head.seq >= cursor.seq) return;
    }
  }
}
