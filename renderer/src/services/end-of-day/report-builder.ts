import type { ReportData } from '../../../../shared/domain/reports/report-data';
import { summarize } from '../../../../shared/domain/reports/summarize';
import { wallClockToMs } from '../../../../shared/domain/reconciliation/values';
import type { CountersignDb } from '../../data/db';
import { totalsOf } from '../../data/totals-repo';
import { operatorNamesByIds } from '../../data/operators-repo';

/**
 * Report content from the running totals (a few rows per day or batch, never the sales), plus
 * the two counts that live elsewhere: failed prints nobody has dealt with (an index range on
 * the print journal) and open dispute cases.
 */
export type OperatorNames = (ids: readonly string[]) => Promise<Map<string, string>>;

const dayRange = (day: string): [number, number] => [wallClockToMs(day, 0), wallClockToMs(day, 86_400)];

const notPrinted = async (db: CountersignDb, day: string, operatorId: string | null): Promise<number> => {
  const [from, to] = dayRange(day);
  return db.printJobs
    .where('[state+createdAt]')
    .between(['failed', from], ['failed', to], true, false)
    .filter((j) => j.resolvedAt === null && j.copy !== 'report' && (operatorId === null || j.operatorId === operatorId))
    .count();
};

const openCases = (db: CountersignDb, operatorId: string | null): Promise<number> =>
  db.cases
    .where('state')
    .equals('open')
    .filter((c) => operatorId === null || c.operatorId === operatorId)
    .count();

const base = (kind: ReportData['kind']): Pick<ReportData, 'kind' | 'batch' | 'day' | 'operator' | 'from' | 'host' | 'openAtClose' | 'notPrinted' | 'openCases'> => ({
  kind,
  batch: null,
  day: null,
  operator: null,
  from: null,
  host: null,
  openAtClose: null,
  notPrinted: null,
  openCases: null,
});

/** The day's report: every operator, with a line per operator. */
export const dailyReport = async (db: CountersignDb, day: string, names: OperatorNames, now: number): Promise<ReportData> => {
  const s = summarize(await totalsOf(db, 'day', day));
  const who = await names(s.byOperator.map((o) => o.operatorId));
  const [from, to] = dayRange(day);
  return {
    ...base('daily'),
    ...s,
    day,
    from,
    to: Math.min(now, to),
    byOperator: s.byOperator.map((o) => ({ ...o, name: who.get(o.operatorId) ?? o.operatorId })),
    notPrinted: await notPrinted(db, day, null),
    openCases: await openCases(db, null),
  };
};

/** One operator's day (the sign-off summary). */
export const shiftReport = async (db: CountersignDb, day: string, operatorId: string, names: OperatorNames, now: number, since: number | null = null): Promise<ReportData> => {
  const s = summarize((await totalsOf(db, 'day', day)).filter((r) => r.operatorId === operatorId));
  const name = (await names([operatorId])).get(operatorId) ?? operatorId;
  const [from, to] = dayRange(day);
  return {
    ...base('shift'),
    ...s,
    day,
    operator: { id: operatorId, name },
    from: since ?? from,
    to: Math.min(now, to),
    byOperator: [],
    notPrinted: await notPrinted(db, day, operatorId),
    openCases: await openCases(db, operatorId),
  };
};

/** A batch's settlement slip, with the host's verdict. */
export const settlementReport = async (db: CountersignDb, batch: string, extra: Pick<ReportData, 'host' | 'openAtClose' | 'from' | 'to'>): Promise<ReportData> => {
  const s = summarize(await totalsOf(db, 'batch', batch));
  return { ...base('settlement'), ...s, batch, byOperator: [], ...extra };
};

/** Operator names by id (reports print names, not ids). */
export const operatorNames =
  (db: CountersignDb): OperatorNames =>
  (ids) =>
    operatorNamesByIds(db, [...ids]);

