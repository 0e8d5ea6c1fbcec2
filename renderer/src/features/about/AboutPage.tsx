import { Alert, Paper, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { envelopeErrorText } from '../session/error-text';
import { formatBytes } from './format-bytes';
import { useCommand } from '../session/useCommand';
import { useStorageInfo } from './useStorageInfo';
import { ChangePinPanel } from './ChangePinPanel';
import { DeviceKeyPanel } from './DeviceKeyPanel';

/** Version, host, data location, and whether the records are safe from browser eviction. */
export const AboutPage = () => {
  const { t, i18n } = useTranslation('about');
  const { t: tc } = useTranslation();
  const info = useCommand('app:info', {});
  const storage = useStorageInfo();
  const app = info.value;

  const rows: Array<[string, string, string]> = app
    ? [
        ['version', t('version'), app.version],
        ['host', t('host'), t(`hostKind.${app.host}`)],
        ['mode', t('trainingMode'), t(app.trainingMode ? 'modes.training' : 'modes.live')],
        ['platform', t('platform'), app.platform],
        ['data', t('dataLocation'), app.dataLocation],
        ['records', t('records'), t('recordsWhere')],
        ['disk', t('disk'), app.disk ? formatBytes(app.disk.freeBytes) : t('unknown')],
        [
          'quota',
          t('quota'),
          storage?.quota != null ? t('quotaValue', { used: formatBytes(storage.usage ?? 0), quota: formatBytes(storage.quota) }) : t('unknown'),
        ],
        ['persistent', t('persistent'), storage ? t(`persisted.${storage.persisted}`) : '…'],
        [
          'persist-requested',
          t('persistRequested'),
          storage ? (storage.requested ? t(`requested.${storage.requested.answer}`, { at: new Date(storage.requested.at).toLocaleString(i18n.language) }) : t('requested.notYet')) : '…',
        ],
      ]
    : [];

  return (
    <Stack spacing={3} sx={{ maxWidth: 820 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      {info.error ? <Alert severity="error">{envelopeErrorText(tc, info.error)}</Alert> : null}
      {storage?.persisted === 'no' ? <Alert severity="warning">{t('persisted.no')}</Alert> : null}
      {app && !app.secretsProtectedByOs ? <Alert severity="info">{t('secretsWarning')}</Alert> : null}
      <Paper>
        <Table>
          <TableBody>
            {rows.map(([id, label, value]) => (
              <TableRow key={id}>
                <TableCell component="th" sx={{ fontWeight: 600, width: 220 }}>
                  {label}
                </TableCell>
                <TableCell data-testid={`about-${id}`} sx={{ wordBreak: 'break-all' }}>
                  {value}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <DeviceKeyPanel />
      <ChangePinPanel />
    </Stack>
  );
};
