import { Fragment } from 'react';
import { Alert, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useHostSettings } from '../session/HostSettingsContext';
import { useSessionActions } from '../session/SessionContext';
import { SETTING_GROUPS } from './fields';
import type { SettingGroup } from './fields';
import { KeyBackupPanel } from './KeyBackupPanel';
import { MasterKeyPanel } from './MasterKeyPanel';
import { SettingsGroup } from './SettingsGroup';

const GROUPS = Object.keys(SETTING_GROUPS) as SettingGroup[];

/** Every settings group, each saved where it is edited. Changes need the manager role; main checks it and journals each change. */
export const SettingsPage = () => {
  const { t } = useTranslation('settings');
  const { settings } = useHostSettings();
  const { operator, saveSettings } = useSessionActions();
  const isManager = operator?.role === 'manager';

  return (
    <Stack spacing={3} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      {!isManager ? <Alert severity="info">{t('managerOnly')}</Alert> : null}
      {GROUPS.map((group) => (
        <Fragment key={group}>
          <SettingsGroup
            group={group}
            fields={SETTING_GROUPS[group]}
            settings={settings}
            disabled={!isManager}
            onSave={saveSettings}
            extra={group === 'general' ? (value) => (value('trainingMode') === false ? <Alert severity="warning">{t('general.trainingOffWarning')}</Alert> : null) : undefined}
          />
          {group === 'acquirer' ? <MasterKeyPanel isManager={isManager} realHost={settings.acquirer.kind === 'iso8583' && !settings.general.trainingMode} /> : null}
        </Fragment>
      ))}
      {isManager ? <KeyBackupPanel /> : null}
    </Stack>
  );
};
