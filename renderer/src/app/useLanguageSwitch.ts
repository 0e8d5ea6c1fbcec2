import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings';
import { useHostSettings } from '../features/session/HostSettingsContext';
import { useRoot } from '../features/session/RootContext';
import { auditSettingsChange } from '../services/settings-changes';

/**
 * Switches the console's language: i18next at once, then the host's language setting (shared by
 * every window and the next start), audited in the one settings-change shape; `actor` is '' before
 * sign-in. `failed` is true when the host did not keep it (this window still switches).
 */
export const useLanguageSwitch = (actor: string): { other: Language; switchLanguage: () => void; failed: boolean } => {
  const { i18n } = useTranslation();
  const { update } = useHostSettings();
  const { db, logger } = useRoot();
  const [failed, setFailed] = useState(false);
  // The language on screen (switched at once), not the host setting, which follows a moment later.
  const other: Language = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  const switchLanguage = useCallback(() => {
    const run = async (): Promise<void> => {
      await i18n.changeLanguage(other);
      const patch = { general: { language: other } };
      const problem = await update(patch);
      setFailed(problem !== null);
      await auditSettingsChange(db, actor, patch, problem ? 'fail' : 'ok', problem?.reason ?? null);
    };
    run().catch((error: unknown) => {
      setFailed(true);
      logger.error('settings.language-failed', { error });
    });
  }, [i18n, update, db, logger, actor, other]);
  return { other, switchLanguage, failed };
};
