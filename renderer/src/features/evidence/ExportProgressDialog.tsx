import { Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EvidenceExportStatus, EvidenceSelection } from '../../services/evidence/evidence-export';
import { useServices } from '../session/ServicesContext';
import { formatBytes, useEvidenceExport } from './useEvidence';

const busy = (s: EvidenceExportStatus): boolean => s.phase === 'preparing' || s.phase === 'writing' || s.phase === 'finishing';

const Failure = ({ status }: { status: Extract<EvidenceExportStatus, { phase: 'failed' }> }) => {
  const { t } = useTranslation('evidence');
  const text = status.reason === 'card-data-found' && !(status.file && status.last4) ? t('failure.card-data-found-unnamed') : t(`failure.${status.reason}`, { file: status.file ?? '', last4: status.last4 ?? '' });
  return (
    <Typography color="error" data-testid="evidence-failure" data-reason={status.reason}>
      {text}
    </Typography>
  );
};

const Done = ({ status }: { status: Extract<EvidenceExportStatus, { phase: 'done' }> }) => {
  const { t } = useTranslation('evidence');
  const w = status.written;
  const rows: Array<[string, string, string]> = [
    [t('progress.file'), w.fileName, 'evidence-file'],
    [t('progress.size'), formatBytes(w.bytes), 'evidence-size'],
    [t('progress.sales'), String(w.sales), 'evidence-sales'],
    ...(w.savedTo ? ([[t('progress.savedTo'), w.savedTo, 'evidence-saved-to']] as Array<[string, string, string]>) : []),
    [t('progress.fingerprint'), w.keyFingerprint, 'evidence-fingerprint'],
  ];
  return (
    <Stack spacing={1}>
      <Typography color="success.main">{t('progress.done')}</Typography>
      {rows.map(([label, value, id]) => (
        <Stack key={id}>
          <Typography variant="caption" color="text.secondary">
            {label}
          </Typography>
          <Typography data-testid={id} sx={{ fontFamily: id === 'evidence-fingerprint' ? 'monospace' : undefined, wordBreak: 'break-all' }}>
            {value}
          </Typography>
        </Stack>
      ))}
      {status.missing > 0 ? <Typography color="warning.main">{t('progress.missing', { count: status.missing })}</Typography> : null}
    </Stack>
  );
};

/** The export's progress, with Cancel while it runs, and its outcome; shown while an export started from `scopes` is not idle. */
export const ExportProgressDialog = ({ scopes }: { scopes: ReadonlyArray<EvidenceSelection['kind']> }) => {
  const { t } = useTranslation('evidence');
  const { evidence } = useServices();
  const { status, scope } = useEvidenceExport();
  if (status.phase === 'idle' || !scope || !scopes.includes(scope)) return null;
  const running = busy(status);
  const value = status.phase === 'writing' && status.total > 0 ? (100 * status.done) / status.total : status.phase === 'finishing' ? 100 : undefined;
  return (
    <Dialog open fullWidth maxWidth="sm" data-testid="evidence-dialog" data-phase={status.phase}>
      <DialogTitle>{t('progress.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {running ? (
            <>
              <Typography data-testid="evidence-progress-text">
                {status.phase === 'writing' ? t('progress.writing', { done: status.done, total: status.total }) : t(`progress.${status.phase}`)}
              </Typography>
              <LinearProgress variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} data-testid="evidence-progress" />
            </>
          ) : null}
          {status.phase === 'done' ? <Done status={status} /> : null}
          {status.phase === 'failed' ? <Failure status={status} /> : null}
          {status.phase === 'cancelled' ? <Typography>{t('progress.cancelled')}</Typography> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button color="error" onClick={() => evidence.cancel()} data-testid="evidence-cancel">
            {t('progress.cancel')}
          </Button>
        ) : (
          <Button onClick={() => evidence.reset()} data-testid="evidence-close">
            {t('progress.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
