import type { Settings } from '../../../shared/domain/settings';
import { api } from '../api/client';
import { CountersignDb, DB_NAME, getDb } from '../data/db';
import { forwardOfflineQueue, resolveUnresolved } from '../features/sale/sale-settle';
import { EndOfDayService } from '../services/end-of-day/end-of-day';
import { ReportsService } from '../services/end-of-day/reports-service';
import { ImportService } from '../services/recon/import-service';
import { ReconcileService } from '../services/recon/reconcile-service';

/**
 * The end-of-day and reconciliation services of one signed-in operator, wired here once: the
 * database, the bridge, the host settings (kept current by the provider) and the sale jobs the
 * close runs first.
 */
export interface SettlementServices {
  endOfDay: EndOfDayService;
  reports: ReportsService;
  imports: ImportService;
  reconcile: ReconcileService;
  /** The host settings the services read; the provider sets it when they change. */
  applySettings(settings: Settings): void;
}

export const createSettlementServices = (operatorId: string, initial: Settings): SettlementServices => {
  let settings = initial;
  const db = getDb();
  const current = (): Settings => settings;
  const reports = new ReportsService({ db, print: (r) => api.invoke('printer:print', r), settings: current });
  const flow = { db, api, operatorId, settings: current };
  return {
    reports,
    endOfDay: new EndOfDayService({
      db,
      invoke: (command, request) => api.invoke(command, request),
      reports,
      // The sale jobs first: offline sales forwarded into this batch, unresolved ones asked about and reversed.
      sendOpenSales: async () => {
        await forwardOfflineQueue(flow);
        await resolveUnresolved(flow);
      },
    }),
    // Bulk imports may use relaxed durability (ARCHITECTURE): a second connection to the same database.
    imports: new ImportService(new CountersignDb(DB_NAME, 'relaxed')),
    reconcile: new ReconcileService(db, { terminalId: () => current().shop.terminalId, invoke: (command, request) => api.invoke(command, request) }),
    applySettings: (next) => {
      settings = next;
    },
  };
};
