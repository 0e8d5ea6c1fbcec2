import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import { envelopeErrorText } from '../session/error-text';
import { useKeyBackup } from './useKeyBackup';

const MIN = 12;

/** Settings → Key backup (manager): the device keys to an encrypted file under a passphrase. */
export const KeyBackupPanel = () => {
  const { t } = useTranslation('settings');
  const { logger } = useRoot();
  const { t: tc } = useTranslation();
  const backup = useKeyBackup();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    if (passphrase.length < MIN) return setProblem(t('keyBackup.short'));
    if (passphrase !== confirm) return setProblem(t('keyBackup.mismatch'));
    setProblem(null);
    await backup.run(passphrase);
    setPassphrase('');
    setConfirm('');
  };
  const o = backup.outcome;
  return (
    <Paper sx={{ p: 3 }} data-testid="key-backup">
      <Stack spacing={2}>
        <Typography variant="h6">{t('keyBackup.title')}</Typography>
        <Typography color="text.secondary">{t('keyBackup.intro')}</Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField type="password" autoComplete="new-password" label={t('keyBackup.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'key-backup-passphrase', 'data-card-guard': 'off' } }} />
          <TextField type="password" autoComplete="new-password" label={t('keyBackup.confirm')} value={confirm} onChange={(e) => setConfirm(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'key-backup-confirm', 'data-card-guard': 'off' } }} />
        </Stack>
        <Button variant="outlined" onClick={() => fireAndLog(logger, 'settings.submit-failed', submit())} disabled={backup.busy} sx={{ alignSelf: 'flex-start' }} data-testid="key-backup-export">
          {t('keyBackup.export')}
        </Button>
        {problem ? <Alert severity="error">{problem}</Alert> : null}
        {o?.ok ? (
          <Alert severity="success" data-testid="key-backup-done">
            {t('keyBackup.done', { file: o.file, count: o.count })}
          </Alert>
        ) : null}
        {o && !o.ok ? <Alert severity="error">{t('keyBackup.failed', { reason: envelopeErrorText(tc, o.error) })}</Alert> : null}
      </Stack>
    </Paper>
  );
};
