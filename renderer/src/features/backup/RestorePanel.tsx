import { useState } from 'react';
import { Alert, Button, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RestoreSource } from '../../services/backup/restore-wizard';
import { fireAndLog } from '../../services/logger';
import { formatBytes } from '../about/format-bytes';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { backupErrorText } from './error-text';

const pct = (done: number, total: number): number => (total > 0 ? Math.min(100, (done / total) * 100) : 0);

/** The restore wizard: choose → decrypt and check → rehearse (what it holds) → replace, with the undo saved first. */
export const RestorePanel = ({ chosen }: { chosen: { name: string; folder: 'primary' | 'secondary' } | null }) => {
  const { t } = useTranslation('backup');
  const { backups, logger } = useServices();
  const w = useServiceSnapshot(backups.wizard);
  const { status } = useServiceSnapshot(backups);
  const time = useShopTime();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [identity, setIdentity] = useState('');
  const source = (): RestoreSource => ({
    ...(path.trim() ? { path: path.trim() } : chosen ? { name: chosen.name, folder: chosen.folder } : {}),
    ...(passphrase ? { passphrase } : {}),
    ...(identity.trim() ? { identity: identity.trim() } : {}),
  });
  const busy = w.step === 'reading' || w.step === 'verifying' || w.step === 'saving' || w.step === 'switching';
  const run = (work: Promise<void>) => fireAndLog(logger, 'backup.restore-failed', work);
  return (
    <Paper sx={{ p: 3 }} data-testid="restore-panel">
      <Stack spacing={2}>
        <Typography variant="h6">{t('restore.title')}</Typography>
        <Typography color="text.secondary">{t('restore.intro')}</Typography>
        {chosen && !path ? <Typography data-testid="restore-chosen">{chosen.name}</Typography> : null}
        <TextField label={t('restore.path')} value={path} onChange={(e) => setPath(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'restore-path', 'data-card-guard': 'off' } }} />
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField sx={{ flex: 1 }} type="password" autoComplete="off" label={t('restore.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'restore-passphrase', 'data-card-guard': 'off' } }} />
          <TextField sx={{ flex: 1 }} type="password" autoComplete="off" label={t('restore.identity')} value={identity} onChange={(e) => setIdentity(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'restore-identity', 'data-card-guard': 'off' } }} />
        </Stack>
        <Stack direction="row" spacing={2}>
          <Button variant="outlined" disabled={busy || (!chosen && !path.trim())} onClick={() => run(backups.wizard.open(source()))} data-testid="restore-check">
            {t('restore.check')}
          </Button>
          {status?.undo ? (
            <Button variant="text" disabled={busy} onClick={() => run(backups.wizard.open({ name: status.undo?.name ?? '' }))} data-testid="restore-undo">
              {t('restore.undo', { at: time.dateTime(status.undo.restoredAt) })}
            </Button>
          ) : null}
        </Stack>
        {w.step === 'reading' ? (
          <Stack spacing={1} data-testid="restore-reading">
            <Typography variant="body2">{t('restore.reading', { read: formatBytes(w.bytesRead), total: formatBytes(w.bytesTotal) })}</Typography>
            <LinearProgress variant="determinate" value={pct(w.bytesRead, w.bytesTotal)} />
          </Stack>
        ) : null}
        {w.step === 'verifying' ? (
          <Stack spacing={1} data-testid="restore-verifying">
            <Typography variant="body2">{t('restore.verifying', { done: w.auditVerified, total: w.auditTotal })}</Typography>
            <LinearProgress variant="determinate" value={pct(w.auditVerified, w.auditTotal)} />
          </Stack>
        ) : null}
        {w.step === 'failed' && w.error ? (
          <Alert severity="error" data-testid="restore-error" data-reason={w.error.reason}>
            {backupErrorText(t, w.error)}
          </Alert>
        ) : null}
        {w.step === 'rehearsed' && w.summary && w.manifest ? (
          <Stack spacing={2} data-testid="restore-summary">
            <Alert severity="success">{t('restore.rehearsed')}</Alert>
            <Typography variant="body2">{t('restore.made', { at: time.dateTime(w.manifest.createdAt), fingerprint: w.manifest.fingerprint.slice(0, 16) })}</Typography>
            {w.device === 'other' ? (
              <Alert severity="warning" data-testid="restore-other-device">
                {t('restore.other', { fingerprint: w.manifest.fingerprint.slice(0, 16) })}
              </Alert>
            ) : null}
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('restore.table')}</TableCell>
                  <TableCell align="right">{t('restore.rows')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {Object.entries(w.summary.counts)
                  .filter(([, n]) => n > 0)
                  .map(([table, n]) => (
                    <TableRow key={table} data-testid="restore-count" data-table={table} data-rows={n}>
                      <TableCell>{table}</TableCell>
                      <TableCell align="right">{n}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
            <Typography variant="body2" data-testid="restore-sales-span">
              {t('restore.firstSale')}: {w.summary.firstSale ? time.dateTime(w.summary.firstSale) : t('restore.none')} · {t('restore.lastSale')}: {w.summary.lastSale ? time.dateTime(w.summary.lastSale) : t('restore.none')}
            </Typography>
            <Typography variant="body2" data-testid="restore-checkpoint">
              {t('restore.lastCheckpoint')}: {w.summary.lastCheckpoint ? t('restore.checkpoint', { size: w.summary.lastCheckpoint.size, at: time.dateTime(w.summary.lastCheckpoint.signedAt) }) : t('restore.none')}
            </Typography>
            <Stack direction="row" spacing={2}>
              <Button variant="contained" color="warning" onClick={() => run(backups.wizard.confirm())} data-testid="restore-confirm">
                {t('restore.confirm')}
              </Button>
              <Button onClick={() => run(backups.wizard.reset())} data-testid="restore-cancel">
                {t('restore.cancel')}
              </Button>
            </Stack>
          </Stack>
        ) : null}
        {w.step === 'saving' || w.step === 'switching' ? (
          <Stack spacing={1} data-testid="restore-replacing">
            <Typography variant="body2">{w.step === 'saving' ? t('restore.saving') : t('restore.switching')}</Typography>
            <LinearProgress />
          </Stack>
        ) : null}
        {w.step === 'done' ? (
          <Alert
            severity="success"
            data-testid="restore-done"
            action={
              <Button color="inherit" onClick={() => window.location.reload()} data-testid="restore-reload">
                {t('restore.reload')}
              </Button>
            }
          >
            {t('restore.done')}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
