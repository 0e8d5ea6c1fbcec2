import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Language, Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { api } from '../../api/client';
import { useRoot } from './RootContext';
import { fireAndLog } from '../../services/logger';

interface HostSettingsValue {
  settings: Settings;
  /** Applies a patch on the host (a manager's; main journals it); resolves with the error, or null when saved. */
  update: (patch: SettingsPatch) => Promise<EnvelopeError | null>;
  /** The console's language: anyone may switch it, on the login screen too; main journals it. */
  setLanguage: (language: Language) => Promise<EnvelopeError | null>;
}

const HostSettingsContext = createContext<HostSettingsValue | null>(null);

/** Loads the host's settings once and follows `settings:changed` (another window may change them). */
export const HostSettingsProvider = ({ children, fallback }: { children: ReactNode; fallback: ReactNode }) => {
  const { logger } = useRoot();
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    const off = api.on('settings:changed', setSettings);
    const load = (): void => {
      fireAndLog(logger, 'settings.load-failed', api.invoke('settings:get', {}).then((envelope) => {
        if (envelope.ok) setSettings(envelope.value);
        else setTimeout(load, 500);
      }));
    };
    load();
    return off;
  }, [logger]);

  if (!settings) return <>{fallback}</>;
  const update = async (patch: SettingsPatch): Promise<EnvelopeError | null> => {
    const envelope = await api.invoke('settings:set', { patch });
    if (!envelope.ok) return envelope.error;
    setSettings(envelope.value);
    return null;
  };
  const setLanguage = async (language: Language): Promise<EnvelopeError | null> => {
    const envelope = await api.invoke('settings:set-language', { language });
    if (!envelope.ok) return envelope.error;
    setSettings(envelope.value);
    return null;
  };
  return <HostSettingsContext.Provider value={{ settings, update, setLanguage }}>{children}</HostSettingsContext.Provider>;
};

export const useHostSettings = (): HostSettingsValue => {
  const value = useContext(HostSettingsContext);
  if (!value) throw new Error('useHostSettings outside HostSettingsProvider');
  return value;
};
