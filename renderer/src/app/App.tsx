import { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FirstRunPage } from '../features/login/FirstRunPage';
import { LoginPage } from '../features/login/LoginPage';
import { useIdleLock } from '../features/login/useIdleLock';
import { useOperators } from '../features/login/useOperators';
import { useSession } from '../features/login/useSession';
import { HostSettingsProvider, useHostSettings } from '../features/session/HostSettingsContext';
import { RootContext, useRoot } from '../features/session/RootContext';
import type { Root } from '../features/session/RootContext';
import { ServicesContext } from '../features/session/ServicesContext';
import { SessionContext } from '../features/session/SessionContext';
import type { PublicOperator } from '../data/operators-repo';
import { buildServices } from '../services/composition';
import { fireAndLog } from '../services/logger';
import { approveWithManagerPin } from '../services/operators';
import { useSessionActionsValue } from './useSessionActionsValue';
import { SignedInShell } from './SignedInShell';
import { theme } from './theme';
import { isCustomerWindow } from './launch';
import { CustomerWindow } from '../features/customer/CustomerWindow';
import { requestPersistenceOnce } from './persistence';
import { ErrorBoundary } from './ErrorBoundary';
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
  const { logger } = useRoot();
  useEffect(() => {
    if (i18n.language !== settings.general.language) fireAndLog(logger, 'i18n.change-failed', i18n.changeLanguage(settings.general.language));
    document.documentElement.lang = settings.general.language;
  }, [settings.general.language, i18n, logger]);
  return null;
};

/**
 * The composition's second half: the services are built when someone signs in, kept while the
 * console is locked (the money jobs go on), and stopped at sign-out or when another operator
 * signs in.
 */
const useSignedInServices = (operator: PublicOperator | null) => {
  const root = useRoot();
  const { settings } = useHostSettings();
  // The services read settings when they act, not when they are built: a holder kept up to date.
  const [source] = useState(() => {
    let current = settings;
    return { get: () => current, set: (next: typeof settings) => (current = next) };
  });
  useEffect(() => {
    source.set(settings);
  }, [source, settings]);
  const services = useMemo(
    () =>
      operator
        ? buildServices({
            db: root.db,
            ...(root.bulkDb ? { bulkDb: root.bulkDb } : {}),
            api: root.api,
            logger: root.logger,
            operator,
            settings: source.get,
            approveAsManager: (pin, purpose) => approveWithManagerPin(root.db, pin, operator.id, purpose),
            runStartedAt: root.runStartedAt,
          })
        : null,
    // Rebuilt only for another operator: a lock keeps the same services running.
    [operator?.id, root, source], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => {
    if (!services) return;
    services.start();
    return () => services.stop();
  }, [services]);
  return services;
};

/** First run → login → the signed-in shell; idle lock and the lock screen. */
const Gate = () => {
  const { t } = useTranslation('login');
  const { db } = useRoot();
  const { settings, update } = useHostSettings();
  const operators = useOperators();
  const session = useSession();
  const { state } = session;
  useIdleLock(settings.general.idleLockMinutes, state.kind === 'active', () => session.lock(true));

  const current = state.kind === 'signed-out' ? null : state.operator;
  const lockNow = useCallback(() => session.lock(false), [session]);
  const actions = useSessionActionsValue(db, current, settings, update, lockNow, session.logout);
  const services = useSignedInServices(current);

  if (operators === undefined) return <Connecting />;
  // Nobody is signed in on first run and login: the language switch is audited without an operator.
  const languageSwitch = <LanguageSwitch actor="" variant="outlined" color="primary" />;
  if (operators.length === 0) return <FirstRunPage onCreate={session.createManager} corner={languageSwitch} />;
  const choices = operators.filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name }));
  if (state.kind === 'signed-out' || !services) return <LoginPage operators={choices} onLogin={session.login} corner={languageSwitch} />;
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
      <ServicesContext.Provider value={services}>
        <SignedInShell />
      </ServicesContext.Provider>
    </SessionContext.Provider>
  );
};

export const App = ({ root }: { root: Root }) => {
  useEffect(() => {
    if (!isCustomerWindow) fireAndLog(root.logger, 'storage.persist-failed', requestPersistenceOnce(root.db));
  }, [root]);
  return (
    <RootContext.Provider value={root}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <ErrorBoundary logger={root.logger}>
          <HostSettingsProvider fallback={<Connecting />}>
            <LanguageSync />
            {isCustomerWindow ? <CustomerWindow /> : <Gate />}
          </HostSettingsProvider>
        </ErrorBoundary>
      </ThemeProvider>
    </RootContext.Provider>
  );
};
