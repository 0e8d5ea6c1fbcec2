import { linkIdFor } from '../../../../shared/domain/link-id';
import type { Settings } from '../../../../shared/domain/settings';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import { exportRange } from '../recon/export-service';
import type { ExportFile, Translate } from '../recon/export-service';
import { ImportService } from '../recon/import-service';
import { ReconcileService } from '../recon/reconcile-service';
import type { SettlementJobs } from '../settlement-jobs';
import { EndOfDayService } from './end-of-day';
import { ReportsService } from './reports-service';

/**
 * End of day and reconciliation (issue 16), built by the composition with the signed-in
 * console's services: the close runs the money jobs first (settle, then forward), reports print
 * through the print journal, imports write on a relaxed-durability connection of their own.
 */
export interface SettlementServices {
  endOfDay: EndOfDayService;
  reports: ReportsService;
  imports: ImportService;
  reconcile: ReconcileService;
  /** The accountant's files for a date range (CSV or XLSX), audited. */
  exportRange(req: { from: string; to: string; format: 'csv' | 'xlsx'; operatorId: string; approvedBy: string }, t: Translate): Promise<ExportFile[]>;
}

export interface SettlementServicesDeps {
  db: CountersignDb;
  /** The same database opened with relaxed durability, for bulk imports (ARCHITECTURE); `db` when absent. */
  bulkDb?: CountersignDb;
  api: CountersignApi;
  settings: () => Settings;
  jobs: Pick<SettlementJobs, 'settleNow' | 'forwardNow'>;
}

export const buildSettlementServices = (deps: SettlementServicesDeps): SettlementServices => {
  const { db, api, settings } = deps;
  const invoke: CountersignApi['invoke'] = (command, request) => api.invoke(command, request);
  const reports = new ReportsService({ db, print: (r) => api.invoke('printer:print', r), settings });
  return {
    reports,
    endOfDay: new EndOfDayService({
      db,
      invoke,
      reports,
      // The money jobs first (RULES 12: settle, then forward): unresolved sales asked about, offline ones sent into this batch.
      sendOpenSales: async () => {
        await deps.jobs.settleNow();
        await deps.jobs.forwardNow();
      },
    }),
    imports: new ImportService(deps.bulkDb ?? db),
    reconcile: new ReconcileService(db, { terminalId: () => settings().shop.terminalId, linkId: () => linkIdFor(settings()), invoke }),
    exportRange: (req, t) => exportRange(db, req, t),
  };
};
