import { Alert, Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/ipc/commands/backup';
import { formatBytes } from '../about/format-bytes';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';

/** The backups in the folders (after rotation), the second folder's state, and a restore per row. */
export const BackupList = ({ onRestore }: { onRestore: (b: BackupInfo) => void }) => {
  const { t } = useTranslation('backup');
  const { backups } = useServices();
  const { status } = useServiceSnapshot(backups);
  const time = useShopTime();
  if (!status) return null;
  const second = status.second;
  return (
    <Paper sx={{ p: 3 }} data-testid="backup-list">
      <Stack spacing={2}>
        <Typography variant="h6">{t('list.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('list.folder', { folder: status.primaryFolder })}
        </Typography>
        <Alert severity={second.warn || second.state === 'missing' ? 'warning' : 'info'} data-testid="backup-second">
          {second.state === 'unset' ? t('second.unset') : second.state === 'missing' ? t('second.missing', { since: time.dateTime(second.missingSince ?? 0) }) : t('second.ok', { at: second.lastCopyAt ? time.dateTime(second.lastCopyAt) : t('second.never') })}
        </Alert>
        {status.backups.length === 0 ? (
          <Typography color="text.secondary">{t('list.empty')}</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('list.when')}</TableCell>
                <TableCell>{t('list.reason')}</TableCell>
                <TableCell>{t('list.lock')}</TableCell>
                <TableCell align="right">{t('list.records')}</TableCell>
                <TableCell align="right">{t('list.size')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {status.backups.map((b) => (
                <TableRow key={`${b.folder}/${b.name}`} data-testid="backup-row" data-name={b.name} data-reason={b.reason}>
                  <TableCell>
                    {time.dateTime(b.createdAt)} {b.folder === 'secondary' ? t('list.secondary') : ''}
                  </TableCell>
                  <TableCell>{t(`reasons.${b.reason}`)}</TableCell>
                  <TableCell>{t(`encryption.${b.encryption}`)}</TableCell>
                  <TableCell align="right">{b.rows}</TableCell>
                  <TableCell align="right">{formatBytes(b.bytes)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => onRestore(b)} data-testid="backup-restore-row">
                      {t('list.restore')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
};
