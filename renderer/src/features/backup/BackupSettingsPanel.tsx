import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BackupConfig } from '../../../../shared/ipc/commands/backup';
import { fireAndLog } from '../../services/logger';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';

const NUMBERS = ['intervalMinutes', 'keepToday', 'keepDays', 'keepWeeks', 'secondWarnDays', 'retentionMonths'] as const;

/** Rotation, the second folder and retention (main checks the bounds: retention never below 13 months). */
const Form = ({ config }: { config: BackupConfig }) => {
  const { t } = useTranslation('backup');
  const { backups, logger } = useServices();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)])));
  const [saved, setSaved] = useState(false);
  const save = async (): Promise<void> => {
    const patch: Partial<BackupConfig> = { secondFolder: (draft.secondFolder ?? '').trim() };
    for (const k of NUMBERS) patch[k] = Number(draft[k]);
    setSaved(await backups.configure(patch));
  };
  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {NUMBERS.map((k) => (
          <TextField key={k} type="number" label={t(`settings.${k}`)} value={draft[k] ?? ''} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} slotProps={{ htmlInput: { 'data-testid': `backup-setting-${k}` } }} />
        ))}
      </Stack>
      <TextField label={t('settings.secondFolder')} value={draft.secondFolder ?? ''} onChange={(e) => setDraft({ ...draft, secondFolder: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'backup-setting-secondFolder', 'data-card-guard': 'off' } }} />
      <Button variant="outlined" sx={{ alignSelf: 'flex-start' }} onClick={() => fireAndLog(logger, 'backup.configure-failed', save())} data-testid="backup-settings-save">
        {t('settings.save')}
      </Button>
      {saved ? <Alert severity="success">{t('settings.saved')}</Alert> : null}
    </Stack>
  );
};

export const BackupSettingsPanel = () => {
  const { t } = useTranslation('backup');
  const { backups } = useServices();
  const { status } = useServiceSnapshot(backups);
  return (
    <Paper sx={{ p: 3 }} data-testid="backup-settings">
      <Stack spacing={2}>
        <Typography variant="h6">{t('settings.title')}</Typography>
        {status ? <Form key={JSON.stringify(status.config)} config={status.config} /> : null}
      </Stack>
    </Paper>
  );
};
