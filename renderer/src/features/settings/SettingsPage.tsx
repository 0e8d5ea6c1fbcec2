import { Fragment, useState } from 'react';
import { Alert, Button, FormControlLabel, MenuItem, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { envelopeErrorText } from '../../app/error-text';
import { IDLE_LOCK_MAX_MINUTES } from '../../../../shared/domain/settings';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import { SETTING_GROUPS } from './fields';
import { KeyBackupPanel } from './KeyBackupPanel';
import { MasterKeyPanel } from './MasterKeyPanel';
import { SettingsGroup } from './SettingsGroup';

type Draft = Pick<Settings, 'general' | 'shop'>;

const diff = (before: Draft, after: Draft): SettingsPatch => {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const section of ['general', 'shop'] as const) {
    for (const [key, value] of Object.entries(after[section])) {
      if (before[section][key as keyof Draft[typeof section]] !== value) (patch[section] ??= {})[key] = value;
    }
  }
  return patch;
};

/** General and shop settings. Changes need the manager role and are audited. */
export const SettingsPage = () => {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const { settings } = useHostSettings();
  const { operator, saveSettings } = useSessionActions();
  const [draft, setDraft] = useState<Draft>({ general: settings.general, shop: settings.shop });
  const [error, setError] = useState<EnvelopeError | null>(null);
  const [saved, setSaved] = useState(false);
  const isManager = operator?.role === 'manager';

  const set = <S extends keyof Draft>(section: S, key: keyof Draft[S], value: unknown): void => {
    setSaved(false);
    setDraft((d) => ({ ...d, [section]: { ...d[section], [key]: value } }));
  };

  const save = async (): Promise<void> => {
    const patch = diff({ general: settings.general, shop: settings.shop }, draft);
    const problem = await saveSettings(patch);
    setError(problem);
    setSaved(problem === null);
  };

  return (
    <Stack spacing={3} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      {!isManager ? <Alert severity="info">{t('managerOnly')}</Alert> : null}
      <Paper sx={{ p: 3 }}>
        <Stack spacing={2}>
          <Typography variant="h6">{t('general.title')}</Typography>
          <TextField select label={t('general.language')} value={draft.general.language} disabled={!isManager} onChange={(e) => set('general', 'language', e.target.value)}>
            <MenuItem value="zh-CN">中文</MenuItem>
            <MenuItem value="en">English</MenuItem>
          </TextField>
          <TextField
            type="number"
            label={t('general.idleLock')}
            value={draft.general.idleLockMinutes}
            disabled={!isManager}
            onChange={(e) => set('general', 'idleLockMinutes', Math.max(1, Math.min(IDLE_LOCK_MAX_MINUTES, Number(e.target.value) || 1)))}
            slotProps={{ htmlInput: { min: 1, max: IDLE_LOCK_MAX_MINUTES, 'data-testid': 'settings-idle-minutes' } }}
          />
          <FormControlLabel
            control={<Switch checked={draft.general.trainingMode} disabled={!isManager} onChange={(e) => set('general', 'trainingMode', e.target.checked)} />}
            label={t('general.trainingMode')}
          />
          {!draft.general.trainingMode ? <Alert severity="warning">{t('general.trainingOffWarning')}</Alert> : null}
        </Stack>
      </Paper>
      <Paper sx={{ p: 3 }}>
        <Stack spacing={2}>
          <Typography variant="h6">{t('shop.title')}</Typography>
          {(['name', 'address', 'merchantId', 'terminalId', 'footer'] as const).map((field) => {
            const key = field === 'footer' ? 'receiptFooter' : field;
            return (
              <TextField
                key={field}
                label={t(`shop.${field}`)}
                value={draft.shop[key]}
                disabled={!isManager}
                onChange={(e) => set('shop', key, e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': `settings-shop-${field}` } }}
              />
            );
          })}
        </Stack>
      </Paper>
      {(Object.keys(SETTING_GROUPS) as Array<keyof typeof SETTING_GROUPS>).map((group) => (
        <Fragment key={group}>
          <SettingsGroup group={group} fields={SETTING_GROUPS[group]} settings={settings} disabled={!isManager} onSave={saveSettings} />
          {group === 'acquirer' ? <MasterKeyPanel isManager={isManager} realHost={settings.acquirer.kind === 'iso8583' && !settings.general.trainingMode} /> : null}
        </Fragment>
      ))}
      {error ? <Alert severity="error">{envelopeErrorText(tc, error)}</Alert> : null}
      {saved ? <Alert severity="success">{t('saved')}</Alert> : null}
      <Button variant="contained" size="large" disabled={!isManager} onClick={() => void save()} data-testid="settings-save" sx={{ alignSelf: 'flex-start' }}>
        {tc('actions.save')}
      </Button>
      {isManager ? <KeyBackupPanel /> : null}
    </Stack>
  );
};
