import { useCallback, useEffect } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FirstRunPage } from '../features/login/FirstRunPage';
import { LoginPage } from '../features/login/LoginPage';
import { PinChangePage } from '../features/login/PinChangePage';
import { useActivity } from '../features/login/useActivity';
import { useOperatorSession } from '../features/login/useOperatorSession';
import type { LanguageSwitch } from '../features/login/AuthFrame';
import { HostSettingsProvider, useHostSettings } from './HostSettingsContext';
import { SessionContext } from './SessionContext';
import { useSessionActionsValue } from './useSessionActionsValue';
import { SignedInShell } from './SignedInShell';
import { theme } from './theme';
import { isCustomerWindow } from './launch';
import { CustomerWindow } from '../features/customer/CustomerWindow';
import { requestPersistenceOnce } from './persistence';
import { operatorSession } from './session';

const Connecting = () => {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Box sx={{ textAlign: 'center' }}>
        <CircularProgress />
        <Typography sx={{ mt: 2 }}>{t('connecting')}</Typography>
      </Box>
    </Box>
  );
};

/** Keeps i18next on the host's language setting (shared by every window). */
const LanguageSync = () => {
  const { settings } = useHostSettings();
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== settings.general.language) void i18n.changeLanguage(settings.general.language);
    document.documentElement.lang = settings.general.language;
  }, [settings.general.language, i18n]);
  return null;
};

/**
 * First run → login (→ a new PIN when main asks for one) → the signed-in shell, and the lock
 * screen whenever main locks this window's session (idle, or the Lock button).
 */
const Gate = () => {
  const { t } = useTranslation('login');
  const { settings, update, setLanguage } = useHostSettings();
  const { i18n } = useTranslation();
  const snapshot = useOperatorSession(operatorSession);
  useEffect(() => operatorSession.start(), []);
  const report = useCallback(() => operatorSession.activity(), []);
  useActivity(snapshot.phase === 'active', report);
  const actions = useSessionActionsValue(operatorSession, snapshot, update);
  const language: LanguageSwitch = {
    current: settings.general.language,
    onChange: (next) => {
      void i18n.changeLanguage(next);
      void setLanguage(next);
    },
  };

  const { phase, operator } = snapshot;
  if (phase === 'connecting') return <Connecting />;
  if (phase === 'first-run') return <FirstRunPage onCreate={(name, pin) => operatorSession.createManager(name, pin)} language={language} />;
  const choices = snapshot.operators.filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name }));
  const signIn = (id: string, pin: string) => operatorSession.signIn(id, pin);
  if (phase === 'signed-out' || !operator) return <LoginPage operators={choices} onLogin={signIn} language={language} />;
  if (phase === 'pin-change') {
    return <PinChangePage name={operator.name} required onChange={(pin) => operatorSession.changePin(pin)} onCancel={() => void operatorSession.signOut()} />;
  }
  if (phase === 'locked') {
    return (
      <LoginPage
        testId="lock-screen"
        operators={choices}
        preselect={operator.id}
        title={t('lock.title')}
        subtitle={snapshot.idle ? t('lock.idle', { minutes: snapshot.idleLockMinutes }) : t('lock.subtitle', { name: operator.name })}
        onLogin={signIn}
        language={language}
      />
    );
  }
  return (
    <SessionContext.Provider value={actions}>
      <SignedInShell />
    </SessionContext.Provider>
  );
};

export const App = () => {
  useEffect(() => {
    if (!isCustomerWindow) void requestPersistenceOnce();
  }, []);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <HostSettingsProvider fallback={<Connecting />}>
        <LanguageSync />
        {isCustomerWindow ? <CustomerWindow /> : <Gate />}
      </HostSettingsProvider>
    </ThemeProvider>
  );
};
