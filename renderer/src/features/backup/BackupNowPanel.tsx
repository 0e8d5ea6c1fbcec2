import { useState } from 'react';
import { Alert, Button, Checkbox, FormControlLabel, LinearProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { backupErrorText } from './error-text';

const MIN = 12;

/** Back up now (manager): under a passphrase, or this device's backup key when none is typed. */
export const BackupNowPanel = () => {
  const { t } = useTranslation('backup');
  const { backups, logger } = useServices();
  const s = useServiceSnapshot(backups);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [includePins, setIncludePins] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    if (passphrase && passphrase.length < MIN) return setProblem(t('now.short'));
    if (passphrase !== confirm) return setProblem(t('now.mismatch'));
    setProblem(null);
    const info = await backups.backUpNow(passphrase || null, includePins);
    if (info) {
      setPassphrase('');
      setConfirm('');
    }
  };
  return (
    <Paper sx={{ p: 3 }} data-testid="backup-now">
      <Stack spacing={2}>
        <Typography variant="h6">{t('now.title')}</Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField sx={{ flex: 1 }} type="password" autoComplete="new-password" label={t('now.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'backup-passphrase', 'data-card-guard': 'off' } }} />
          <TextField sx={{ flex: 1 }} type="password" autoComplete="new-password" label={t('now.confirm')} value={confirm} onChange={(e) => setConfirm(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'backup-confirm', 'data-card-guard': 'off' } }} />
        </Stack>
        <FormControlLabel control={<Checkbox checked={includePins} onChange={(e) => setIncludePins(e.target.checked)} data-testid="backup-include-pins" />} label={t('now.includePins')} />
        <Button variant="contained" disabled={s.running !== null} onClick={() => fireAndLog(logger, 'backup.submit-failed', submit())} sx={{ alignSelf: 'flex-start' }} data-testid="backup-run">
          {t('now.run')}
        </Button>
        {s.running ? (
          <Stack spacing={1} data-testid="backup-progress">
            <Typography variant="body2">{t('now.running', { table: s.running.table, rows: s.running.rows })}</Typography>
            <LinearProgress />
          </Stack>
        ) : null}
        {problem ? <Alert severity="warning">{problem}</Alert> : null}
        {s.error && !s.running ? (
          <Alert severity="error" data-testid="backup-error">
            {backupErrorText(t, s.error)}
          </Alert>
        ) : null}
        {s.last && !s.running && !s.error ? (
          <Alert severity="success" data-testid="backup-done">
            {t('now.done', { name: s.last.name })}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
