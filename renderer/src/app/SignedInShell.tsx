import { useTranslation } from 'react-i18next';
import { AboutPage } from '../features/about/AboutPage';
import { AuditPage } from '../features/audit/AuditPage';
import { CounterSection } from '../features/counter/CounterSection';
import { TransactionsPage } from '../features/transactions/TransactionsPage';
import { LookupPage } from '../features/lookup/LookupPage';
import { SettlementSection } from '../features/settlement/SettlementSection';
import { SettlementServicesProvider } from './SettlementServicesContext';
import { TrainingPage } from '../features/training/TrainingPage';
import { KeyboardSwipeListener } from '../features/card-reader/KeyboardSwipeListener';
import { DevicesPage } from '../features/devices/DevicesPage';
import { OperatorsPage } from '../features/login/OperatorsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useHostSettings } from './HostSettingsContext';
import { useSessionActions } from './SessionContext';
import { Shell } from './Shell';
import { useOfflineForwarder } from '../features/sale/useOfflineForwarder';
import { ForwardedNotice } from './ForwardedNotice';
import { SwipeToast } from './SwipeToast';
import { StatusBadges } from './StatusBadges';
import type { Section } from './Shell';

const sections: Section[] = [
  { id: 'counter', render: () => <CounterSection /> },
  { id: 'transactions', render: () => <TransactionsPage /> },
  { id: 'lookup', render: () => <LookupPage /> },
  { id: 'settlement', render: () => <SettlementSection /> },
  { id: 'devices', render: () => <DevicesPage /> },
  { id: 'training', render: () => <TrainingPage />, trainingOnly: true },
  { id: 'settings', render: () => <SettingsPage /> },
  { id: 'operators', render: () => <OperatorsPage />, managerOnly: true },
  { id: 'audit', render: () => <AuditPage />, managerOnly: true },
  { id: 'about', render: () => <AboutPage /> },
];

/** The console once someone is signed in. */
export const SignedInShell = () => {
  const { settings, update } = useHostSettings();
  const session = useSessionActions();
  const { i18n } = useTranslation();
  const operator = session.operator;
  const forwarded = useOfflineForwarder(operator?.id ?? '', settings);
  const { t: tc } = useTranslation('counter');
  if (!operator) return null;
  return (
    <SettlementServicesProvider key={operator.id} operatorId={operator.id} settings={settings}>
      <KeyboardSwipeListener />
      <ForwardedNotice results={forwarded} text={(n, declined) => (declined > 0 ? `${tc('forwarded', { count: n })} ${tc('followUp', { count: declined })}` : tc('forwarded', { count: n }))} />
      <Shell
        sections={sections.filter((s) => !s.trainingOnly || settings.general.trainingMode)}
        operator={operator}
        trainingMode={settings.general.trainingMode}
        language={settings.general.language}
        onLanguage={(language) => {
          void i18n.changeLanguage(language);
          // Language is a preference anyone may change; it is audited like any setting.
          void update({ general: { language } }).then((problem) =>
            session.audit({ action: 'settings.change', objectType: 'settings', objectId: 'general', result: problem ? 'fail' : 'ok', detail: { language } }),
          );
        }}
        onLock={session.lock}
        onLogout={session.logout}
        statusItems={(go) => <StatusBadges reminderMinutes={settings.signature.reminderMinutes} onOpen={go} />}
        overlay={(active) => <SwipeToast role={operator.role} suppressed={active === 'devices' || active === 'counter'} />}
      />
    </SettlementServicesProvider>
  );
};
