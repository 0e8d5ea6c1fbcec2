import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings';
import { useHostSettings } from '../features/session/HostSettingsContext';
import { useRoot } from '../features/session/RootContext';

/**
 * Switches the console's language: i18next at once, then the host's language setting (shared by
 * every window and the next start). Anyone may switch it, before sign-in too; main journals it as
 * it applies it (`settings:set-language`). `failed` is true when the host did not keep it (this
 * window still switches).
 */
export const useLanguageSwitch = (): { other: Language; switchLanguage: () => void; failed: boolean } => {
  const { i18n } = useTranslation();
  const { setLanguage } = useHostSettings();
  const { logger } = useRoot();
  const [failed, setFailed] = useState(false);
  // The language on screen (switched at once), not the host setting, which follows a moment later.
  const other: Language = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  const switchLanguage = useCallback(() => {
    const run = async (): Promise<void> => {
      await i18n.changeLanguage(other);
      setFailed((await setLanguage(other)) !== null);
    };
    run().catch((error: unknown) => {
      setFailed(true);
      logger.error('settings.language-failed', { error });
    });
  }, [i18n, setLanguage, logger, other]);
  return { other, switchLanguage, failed };
};
