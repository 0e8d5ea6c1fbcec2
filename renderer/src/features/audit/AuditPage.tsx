import { Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../../app/SessionContext';
import { useOperators } from '../login/useOperators';
import { IntegrityPanel } from './IntegrityPanel';
import { useAuditTail } from './useAudit';

const LIMIT = 200;

/** The newest audit entries, the signed checkpoint and the full verification (manager). */
export const AuditPage = () => {
  const { t, i18n } = useTranslation('audit');
  const { auditJobError } = useSessionActions();
  const entries = useAuditTail(LIMIT);
  const operators = useOperators();
  const nameOf = (id: string): string => operators?.find((o) => o.id === id)?.name ?? id.slice(0, 8);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <IntegrityPanel jobError={auditJobError} />
      <Typography variant="body2">{t('showing', { count: entries?.length ?? 0 })}</Typography>
      <Paper>
        <Table size="small">
          <TableHead>
            <TableRow>
              {(['seq', 'at', 'actor', 'action', 'object', 'result'] as const).map((c) => (
                <TableCell key={c} sx={{ fontWeight: 700 }}>
                  {t(`columns.${c}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(entries ?? []).map((e) => (
              <TableRow key={e.seq} data-testid="audit-row">
                <TableCell>{e.seq}</TableCell>
                <TableCell>{new Date(e.at).toLocaleString(i18n.language)}</TableCell>
                <TableCell>{nameOf(e.actor)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{e.action}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {e.objectType}:{e.objectId.slice(0, 8)}
                </TableCell>
                <TableCell sx={{ color: e.result === 'fail' ? 'error.main' : undefined, fontWeight: e.result === 'fail' ? 700 : 400 }}>{t(`result.${e.result}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  );
};
