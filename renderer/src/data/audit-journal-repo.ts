import type { JournalEntry } from '../../../shared/ipc/commands/audit';
import { GENESIS_HASH } from '../../../shared/domain/audit-chain';
import type { ChainHead } from '../../../shared/domain/audit-chain';
import { appendAuditEntries, auditTables } from './audit-repo';
import type { AuditInput } from './audit-repo';
import type { CountersignDb } from './db';

/**
 * Main's journal taken into the audit log (ARCHITECTURE "Integrity"): each journal entry becomes
 * an audit entry with the same actor, action, object and result, and main's seq, hash, time and
 * device in `detail.journal`, in the same transaction that moves the cursor (`audit.journal`),
 * so an entry is taken exactly once however many windows pull at the same time. A journal that
 * does not continue from the last entry taken (main's file replaced, or another data folder) is
 * recorded as such before its entries are taken.
 */
export const JOURNAL_CURSOR_KEY = 'audit.journal';

export const journalCursor = async (db: CountersignDb): Promise<ChainHead> => {
  const value = (await db.settings.get(JOURNAL_CURSOR_KEY))?.value as Partial<ChainHead> | undefined;
  return typeof value?.seq === 'number' && typeof value.hash === 'string' ? { seq: value.seq, hash: value.hash } : { seq: 0, hash: GENESIS_HASH };
};

const asInput = (e: JournalEntry): AuditInput => ({
  actor: e.actor,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  result: e.result,
  detail: { ...e.detail, journal: { seq: e.seq, hash: e.hash, at: e.at, device: e.device } },
});

/**
 * Appends `entries` (oldest first, as `audit:journal` answered) unless another window took
 * them first. `mainHead` is main's journal head: behind the cursor means main
 * started a new journal, so the cursor starts again from it. Returns how many were taken.
 */
export const takeJournalEntries = (db: CountersignDb, entries: readonly JournalEntry[], mainHead: ChainHead, now: number = Date.now()): Promise<number> =>
  db.transaction('rw', [...auditTables(db)], async () => {
    const cursor = await journalCursor(db);
    const inputs: AuditInput[] = [];
    let from = cursor;
    if (mainHead.seq < cursor.seq) {
      inputs.push({ actor: '', action: 'journal.discontinuity', objectType: 'journal', objectId: String(mainHead.seq), result: 'fail', detail: { taken: cursor, mainHead, why: 'main-journal-shorter' } });
      from = { seq: 0, hash: GENESIS_HASH };
    }
    // Only what follows the cursor: another window may have taken some while this one asked.
    const fresh = entries.filter((e) => e.seq > from.seq);
    const first = fresh[0];
    // Asked from an older cursor than another window has since moved to: ask again.
    if (first && first.seq !== from.seq + 1) return 0;
    if (first && first.prevHash !== from.hash) {
      inputs.push({ actor: '', action: 'journal.discontinuity', objectType: 'journal', objectId: String(first.seq), result: 'fail', detail: { taken: from, next: { seq: first.seq, prevHash: first.prevHash }, why: 'chain-break' } });
    }
    inputs.push(...fresh.map(asInput));
    if (inputs.length === 0) return 0;
    await appendAuditEntries(db, inputs, now);
    const last = fresh[fresh.length - 1];
    await db.settings.put({ key: JOURNAL_CURSOR_KEY, value: last ? { seq: last.seq, hash: last.hash } : from, updatedAt: now });
    return fresh.length;
  });
