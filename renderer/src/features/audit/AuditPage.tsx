import { Alert, Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useOperators } from '../login/useOperators';
import { useAuditTail, useChainCheck } from './useAudit';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

const LIMIT = 200;

/** The newest audit entries and a one-click chain verification (manager). */
export const AuditPage = () => {
  const { logger } = useRoot();
  const { t, i18n } = useTranslation('audit');
  const entries = useAuditTail(LIMIT);
  const operators = useOperators();
  const check = useChainCheck();
  const nameOf = (id: string): string => operators?.find((o) => o.id === id)?.name ?? id.slice(0, 8);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => fireAndLog(logger, 'audit.verify-failed', check.run())} disabled={check.busy} data-testid="audit-verify">
          {check.busy ? t('verifying') : t('verify')}
        </Button>
        {check.verdict ? (
          <Alert severity={check.verdict.ok ? 'success' : 'error'} data-testid="audit-verify-result" data-ok={String(check.verdict.ok)} sx={{ flex: 1 }}>
            {check.verdict.ok ? t('ok', { count: check.verdict.count }) : t(`problem.${check.verdict.problem}`, { seq: check.verdict.firstBadSeq })}
          </Alert>
        ) : null}
      </Stack>
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
