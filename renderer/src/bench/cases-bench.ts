import { evaluateChecklist } from '../../../shared/domain/cases/checklists';
import { uuidv7 } from '../../../shared/domain/ids';
import { caseFacts } from '../data/case-facts-repo';
import { OPEN_CASES_COUNTER } from '../data/cases-repo';
import { CountersignDb } from '../data/db';
import type { DisputeCaseRecord } from '../data/records';

/**
 * Dispute-case benchmarks in the real engine (Chromium's IndexedDB), driven by bench/cases.bench.ts:
 * open cases seeded over the sales already seeded (seedApp), and one case's checklist computed.
 */
const DAY = 86_400_000;

/** Adds `n` open cases (each on one seeded sale, the first on two: a duplicate pair), due over the next weeks. */
const seedCases = async (n: number, now: number): Promise<number> => {
  const db = new CountersignDb(undefined, 'relaxed');
  await db.open();
  const ids = (await db.sales.orderBy('createdAt').reverse().limit(n + 1).primaryKeys());
  const cases: DisputeCaseRecord[] = ids.slice(0, n).map((saleId, i) => ({
    id: uuidv7(now - i * 60_000),
    saleId,
    saleIds: i === 0 ? [saleId, ids[n] ?? saleId] : [saleId],
    type: i === 0 ? 'duplicate-charge' : (['wrong-amount', 'not-recognised', 'retrieval-request', 'chargeback'] as const)[i % 4] ?? 'other',
    state: 'open',
    status: i % 10 === 0 ? 'evidence-sent' : 'open',
    origin: 'sale',
    reason: null,
    notice: null,
    complaintAt: now - i * 60_000,
    createdAt: now - i * 60_000,
    updatedAt: now - i * 60_000,
    dueAt: now + ((i % 30) - 3) * DAY,
    notes: '',
    operatorId: 'bench',
    evidence: null,
  }));
  for (let i = 0; i < cases.length; i += 500) await db.cases.bulkAdd(cases.slice(i, i + 500));
  await db.counters.put({ key: OPEN_CASES_COUNTER, value: n });
  db.close();
  return cases[0]?.id ? cases.length : 0;
};

/** One case's checklist (facts read from the records, then evaluated), `runs` times; each run's ms. */
const checklist = async (runs: number): Promise<number[]> => {
  const db = new CountersignDb();
  await db.open();
  const c = await db.cases.where('type').equals('duplicate-charge').first();
  const times: number[] = [];
  if (c) {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      evaluateChecklist(c.type, null, await caseFacts(db, c));
      times.push(performance.now() - start);
    }
  }
  db.close();
  return times;
};

declare global {
  interface Window {
    countersignCasesBench?: { seedCases: typeof seedCases; checklist: typeof checklist };
  }
}

window.countersignCasesBench = { seedCases, checklist };
