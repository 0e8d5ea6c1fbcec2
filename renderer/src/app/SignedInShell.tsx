import { useTranslation } from 'react-i18next';
import { AboutPage } from '../features/about/AboutPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backup/BackupsPage';
import { VerifyBundlePage } from '../features/evidence/VerifyBundlePage';
import { CounterSection } from '../features/counter/CounterSection';
import { TransactionsPage } from '../features/transactions/TransactionsPage';
import { LookupPage } from '../features/lookup/LookupPage';
import { CasesPage } from '../features/cases/CasesPage';
import { CasesBadge } from '../features/cases/CasesBadge';
import { SaleDetail } from '../features/transactions/SaleDetail';
import { AttachmentPreview } from '../features/transactions/AttachmentPreview';
import { SettlementSection } from '../features/settlement/SettlementSection';
import { TrainingPage } from '../features/training/TrainingPage';
import { KeyboardSwipeListener } from '../features/card-reader/KeyboardSwipeListener';
import { DevicesPage } from '../features/devices/DevicesPage';
import { OperatorsPage } from '../features/login/OperatorsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useHostSettings } from '../features/session/HostSettingsContext';
import { useSessionActions } from '../features/session/SessionContext';
import { Shell } from './Shell';
import { useSettlement } from '../features/sale/useSettlement';
import { ForwardedNotice } from './ForwardedNotice';
import { SwipeToast } from './SwipeToast';
import { StatusBadges } from './StatusBadges';
import type { Section } from './Shell';
import { LanguageSwitch } from './LanguageSwitch';
import { SALE_FILTERS } from '../data/sales-views';
import type { SaleFilter } from '../data/sales-views';

const filterOf = (value: string | undefined): SaleFilter => (SALE_FILTERS as readonly string[]).includes(value ?? '') ? (value as SaleFilter) : 'all';

const sections: Section[] = [
  { id: 'counter', render: () => <CounterSection /> },
  { id: 'transactions', render: (params) => <TransactionsPage initialFilter={filterOf(params.filter)} /> },
  { id: 'lookup', render: () => <LookupPage /> },
  {
    id: 'cases',
    render: (params) => <CasesPage initialCase={params.caseId ?? null} views={{ preview: AttachmentPreview, saleView: (saleId, onClose) => <SaleDetail saleId={saleId} onClose={onClose} /> }} />,
  },
  { id: 'settlement', render: () => <SettlementSection /> },
  { id: 'devices', render: () => <DevicesPage /> },
  { id: 'training', render: () => <TrainingPage />, trainingOnly: true },
  { id: 'settings', render: () => <SettingsPage /> },
  { id: 'operators', render: () => <OperatorsPage />, managerOnly: true },
  { id: 'audit', render: () => <AuditPage />, managerOnly: true },
  { id: 'backups', render: () => <BackupsPage />, managerOnly: true },
  { id: 'verify', render: () => <VerifyBundlePage /> },
  { id: 'about', render: () => <AboutPage /> },
];

/** The console once someone is signed in. */
export const SignedInShell = () => {
  const { settings } = useHostSettings();
  const session = useSessionActions();
  const operator = session.operator;
  const { forwarded } = useSettlement();
  const { t: tc } = useTranslation('counter');
  if (!operator) return null;
  return (
    <>
      <KeyboardSwipeListener />
      <ForwardedNotice results={forwarded} text={(n, declined) => (declined > 0 ? `${tc('forwarded', { count: n })} ${tc('followUp', { count: declined })}` : tc('forwarded', { count: n }))} />
      <Shell
        sections={sections.filter((s) => !s.trainingOnly || settings.general.trainingMode)}
        operator={operator}
        trainingMode={settings.general.trainingMode}
        languageSwitch={<LanguageSwitch />}
        onLock={session.lock}
        onLogout={session.logout}
        statusItems={(go) => (
          <>
            <StatusBadges reminderMinutes={settings.signature.reminderMinutes} go={go} />
            <CasesBadge onOpen={() => go('cases')} />
          </>
        )}
        overlay={(active) => <SwipeToast role={operator.role} suppressed={active === 'devices' || active === 'counter'} />}
      />
    </>
  );
};
