import { isLiveLink, linkIdFor } from '../../../shared/domain/link-id';
import { applySettingsPatch } from '../../../shared/domain/settings';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { appendAudit } from '../data/audit-repo';
import type { CountersignDb } from '../data/db';
import { offlineQueue, unresolvedSales } from '../data/sales-repo';

/**
 * Settings changes, with their rules in one place. Main cannot read IndexedDB, so the check that
 * protects live money when the card host changes lives here, in the renderer that holds the
 * records: a change that would move the console to another link (training on or off, another host
 * or terminal) is refused while sales taken on a live host are queued or unresolved. Main's own
 * guard stands behind it: every money request names its record's link and main refuses it on
 * another (shared/ipc/commands/acquirer.ts), so even a change made around this check can never
 * settle live money on the training host.
 */
export const linkChangeBlockers = async (db: CountersignDb, current: Settings, patch: SettingsPatch): Promise<number> => {
  let next: Settings;
  try {
    next = applySettingsPatch(current, patch);
  } catch {
    return 0; // An invalid patch is refused by main with its own reason.
  }
  const target = linkIdFor(next);
  if (target === linkIdFor(current)) return 0;
  const [queued, unresolved] = await Promise.all([offlineQueue(db), unresolvedSales(db)]);
  return [...queued, ...unresolved].filter((s) => isLiveLink(s.linkId) && s.linkId !== target).length;
};

/** The one shape of a settings-change audit entry: which sections, the patch, and the outcome. */
export const auditSettingsChange = (db: CountersignDb, actor: string, patch: SettingsPatch | Record<string, unknown>, result: 'ok' | 'fail', reason: string | null = null): Promise<unknown> =>
  appendAudit(db, { actor, action: 'settings.change', objectType: 'settings', objectId: Object.keys(patch).join(','), result, detail: { patch, ...(reason ? { reason } : {}) } });
