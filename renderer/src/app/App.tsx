import { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, CircularProgress, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FirstRunPage } from '../features/login/FirstRunPage';
import { LoginPage } from '../features/login/LoginPage';
import { PinChangePage } from '../features/login/PinChangePage';
import { useActivity } from '../features/login/useActivity';
import { useOperatorSession } from '../features/login/useOperatorSession';
import { HostSettingsProvider, useHostSettings } from '../features/session/HostSettingsContext';
import { RootContext, useRoot } from '../features/session/RootContext';
import type { Root } from '../features/session/RootContext';
import { ServicesContext } from '../features/session/ServicesContext';
import { SessionContext } from '../features/session/SessionContext';
import type { PublicOperator } from '../data/operators-repo';
import { buildServices } from '../services/composition';
import { fireAndLog } from '../services/logger';
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
 * console is locked (the money jobs go on: main lets a locked session settle and forward, see
 * shared/ipc/roles.ts), and stopped at sign-out or when another operator signs in.
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
            approveAsManager: (managerId, pin, purpose, saleId) => root.session.approveAsManager(managerId, pin, purpose, saleId),
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

/**
 * First run → login (→ a new PIN when main asks for one) → the signed-in shell, and the lock
 * screen whenever main locks this window's session (idle, or the Lock button). Main holds the
 * session (services/operator-session.ts); this only shows what it says.
 */
const Gate = () => {
  const { t } = useTranslation('login');
  const root = useRoot();
  const { session } = root;
  const { settings, update } = useHostSettings();
  const snapshot = useOperatorSession(session);
  useEffect(() => session.start(), [session]);
  const report = useCallback(() => session.activity(), [session]);
  useActivity(snapshot.phase === 'active', report);
  const actions = useSessionActionsValue(session, snapshot, { db: root.db, logger: root.logger, settings, update });
  const { phase, operator } = snapshot;
  const services = useSignedInServices(phase === 'active' || phase === 'locked' ? operator : null);

  if (phase === 'connecting') return <Connecting />;
  // Nobody is signed in on first run and login: main journals the language switch without an operator.
  const languageSwitch = <LanguageSwitch variant="outlined" color="primary" />;
  if (phase === 'first-run') return <FirstRunPage onCreate={(name, pin) => session.createManager(name, pin)} corner={languageSwitch} />;
  const choices = snapshot.operators.filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name }));
  const signIn = (id: string, pin: string) => session.signIn(id, pin);
  if (phase === 'signed-out' || !operator) return <LoginPage operators={choices} onLogin={signIn} corner={languageSwitch} />;
  if (phase === 'pin-change') {
    return <PinChangePage name={operator.name} required onChange={(pin) => session.changePin(pin)} onCancel={() => fireAndLog(root.logger, 'session.sign-out-failed', session.signOut())} />;
  }
  if (!services) return <Connecting />;
  if (phase === 'locked') {
    return (
      <LoginPage
        corner={languageSwitch}
        testId="lock-screen"
        operators={choices}
        preselect={operator.id}
        title={t('lock.title')}
        subtitle={snapshot.idle ? t('lock.idle', { minutes: snapshot.idleLockMinutes }) : t('lock.subtitle', { name: operator.name })}
        onLogin={signIn}
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
