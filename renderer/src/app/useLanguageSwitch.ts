import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings';
import { getDb } from '../data/db';
import { appendAudit } from '../features/audit/audit-log';
import { useHostSettings } from './HostSettingsContext';

/**
 * Switches the console's language: i18next at once, then the host's language setting (shared by
 * every window and the next start), audited like any setting; `actor` is '' before sign-in.
 * `failed` is true when the host did not keep it (this window still switches).
 */
export const useLanguageSwitch = (actor: string): { other: Language; switchLanguage: () => void; failed: boolean } => {
  const { i18n } = useTranslation();
  const { update } = useHostSettings();
  const [failed, setFailed] = useState(false);
  // The language on screen (switched at once), not the host setting, which follows a moment later.
  const other: Language = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  const switchLanguage = useCallback(() => {
    const run = async (): Promise<void> => {
      await i18n.changeLanguage(other);
      const problem = await update({ general: { language: other } });
      setFailed(problem !== null);
      await appendAudit(getDb(), {
        actor,
        action: 'settings.change',
        objectType: 'settings',
        objectId: 'general.language',
        result: problem ? 'fail' : 'ok',
        detail: { changes: { 'general.language': other } },
      });
    };
    run().catch(() => setFailed(true));
  }, [i18n, update, actor, other]);
  return { other, switchLanguage, failed };
};
