import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { holdingBackup } from '../../../../shared/domain/backup/retention';
import { fireAndLog } from '../../services/logger';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';

/** The manager's retention run (it also runs by itself after each verified backup: backups.ts). */
export const RetentionPanel = () => {
  const { t, i18n } = useTranslation('backup');
  const { backups, logger } = useServices();
  const { status, retention } = useServiceSnapshot(backups);
  if (!status) return null;
  const months = status.config.retentionMonths;
  const held = holdingBackup(status.backups);
  const last = retention.last;
  return (
    <Paper sx={{ p: 3 }} data-testid="backup-retention">
      <Stack spacing={2}>
        <Typography variant="h6">{t('retention.title')}</Typography>
        <Typography color="text.secondary">{t('retention.intro', { months })}</Typography>
        {held ? <Typography>{t('retention.relies', { name: held.name, at: new Date(held.startedAt).toLocaleString(i18n.language) })}</Typography> : <Alert severity="info">{t('retention.noBackup')}</Alert>}
        <Button
          variant="outlined"
          color="warning"
          sx={{ alignSelf: 'flex-start' }}
          disabled={!held || retention.running}
          onClick={() => held && fireAndLog(logger, 'retention.failed', backups.retain(held.name))}
          data-testid="backup-retention-run"
        >
          {retention.running ? t('retention.running') : t('retention.run', { months })}
        </Button>
        {last ? (
          <Alert severity="success" data-testid="backup-retention-done">
            {t('retention.done', { ...last.removed, name: last.backupName })}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
