import { useCallback, useEffect } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FirstRunPage } from '../features/login/FirstRunPage';
import { LoginPage } from '../features/login/LoginPage';
import { useIdleLock } from '../features/login/useIdleLock';
import { useOperators } from '../features/login/useOperators';
import { useSession } from '../features/login/useSession';
import { HostSettingsProvider, useHostSettings } from './HostSettingsContext';
import { SessionContext } from './SessionContext';
import { useSessionActionsValue } from './useSessionActionsValue';
import { SignedInShell } from './SignedInShell';
import { theme } from './theme';
import { isCustomerWindow } from './launch';
import { CustomerWindow } from '../features/customer/CustomerWindow';
import { requestPersistenceOnce } from './persistence';
import { LanguageSwitch } from './LanguageSwitch';

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

/** First run → login → the signed-in shell; idle lock and the lock screen. */
const Gate = () => {
  const { t } = useTranslation('login');
  const { settings, update } = useHostSettings();
  const operators = useOperators();
  const session = useSession();
  const { state } = session;
  useIdleLock(settings.general.idleLockMinutes, state.kind === 'active', () => session.lock(true));

  const current = state.kind === 'signed-out' ? null : state.operator;
  const lockNow = useCallback(() => session.lock(false), [session]);
  const actions = useSessionActionsValue(current, update, lockNow, session.logout);

  if (operators === undefined) return <Connecting />;
  // Nobody is signed in on first run and login: the language switch is audited without an operator.
  const languageSwitch = <LanguageSwitch actor="" variant="outlined" color="primary" />;
  if (operators.length === 0) return <FirstRunPage onCreate={session.createManager} corner={languageSwitch} />;
  const choices = operators.filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name }));
  if (state.kind === 'signed-out') return <LoginPage operators={choices} onLogin={session.login} corner={languageSwitch} />;
  if (state.kind === 'locked') {
    return (
      <LoginPage
        corner={<LanguageSwitch actor={state.operator.id} variant="outlined" color="primary" />}
        testId="lock-screen"
        operators={choices}
        preselect={state.operator.id}
        title={t('lock.title')}
        subtitle={state.idle ? t('lock.idle', { minutes: settings.general.idleLockMinutes }) : t('lock.subtitle', { name: state.operator.name })}
        onLogin={(id, pin) => (id === state.operator.id ? session.unlock(id, pin) : session.login(id, pin))}
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
