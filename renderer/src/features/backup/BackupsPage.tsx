import { useEffect, useState } from 'react';
import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { BackupList } from './BackupList';
import { BackupNowPanel } from './BackupNowPanel';
import { BackupSettingsPanel } from './BackupSettingsPanel';
import { RestorePanel } from './RestorePanel';
import { RetentionPanel } from './RetentionPanel';

/** Backups (manager): back up now, the folder with its rotation, restore (rehearsed), settings. */
export const BackupsPage = () => {
  const { t } = useTranslation('backup');
  const { backups, logger } = useServices();
  const [chosen, setChosen] = useState<{ name: string; folder: 'primary' | 'secondary' } | null>(null);
  useEffect(() => fireAndLog(logger, 'backup.status-failed', backups.refresh()), [backups, logger]);
  return (
    <Stack spacing={3} data-testid="backups-page">
      <Typography variant="h5">{t('title')}</Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <BackupNowPanel />
      <BackupList onRestore={(b) => setChosen({ name: b.name, folder: b.folder })} />
      <RestorePanel chosen={chosen} />
      <RetentionPanel />
      <BackupSettingsPanel />
    </Stack>
  );
};
