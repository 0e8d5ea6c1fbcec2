import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { useRoot } from '../session/RootContext';
import type { TFunction } from 'i18next';
import type { LogProblem } from '../../data/audit-verify';
import type { CheckpointOutcome } from '../../services/audit-checkpoints';
import { useCheckpointNow, useCheckpointState, useLogCheck, useMainCheckpoint } from './useAudit';

const problemText = (t: TFunction<'audit'>, p: LogProblem): string => {
  switch (p.kind) {
    case 'chain':
      return t(`problems.chain.${p.problem}`, { seq: p.seq });
    case 'tree-node':
    case 'tree-head':
      return t(`problems.${p.kind}`, { seq: p.seq });
    case 'checkpoint-signature':
      return t(`problems.checkpoint-signature.${p.problem}`, { size: p.size });
    case 'checkpoint-root':
      return t(`problems.checkpoint-root.${p.source}`, { size: p.size });
    case 'checkpoint-beyond':
      return t(`problems.checkpoint-beyond.${p.source}`, { size: p.size, entries: p.entries });
    case 'checkpoint-missing':
      return t('problems.checkpoint-missing', { size: p.size });
  }
};

const outcomeText = (t: TFunction<'audit'>, o: CheckpointOutcome): string => {
  if (o.kind === 'empty') return t('checkpoint.empty');
  if (o.kind !== 'refused') return t(`checkpoint.${o.kind}`, { size: o.checkpoint.size });
  const known = ['checkpoint-inconsistent', 'checkpoint-shrunk', 'checkpoint-stale'];
  return t('checkpoint.refused', { reason: o.reason && known.includes(o.reason) ? t(`checkpoint.reasons.${o.reason}`) : t('checkpoint.reasons.other', { code: o.code }) });
};

/**
 * The audit log's integrity: the latest signed checkpoint and the device key's fingerprint, a
 * checkpoint on demand, and the full verification naming what is wrong and where.
 */
export const IntegrityPanel = ({ jobError }: { jobError: string | null }) => {
  const { t, i18n } = useTranslation('audit');
  const { logger } = useRoot();
  const state = useCheckpointState();
  const main = useMainCheckpoint();
  const check = useLogCheck();
  const now = useCheckpointNow(main.reload);
  const latest = state?.latest ?? null;
  const pending = state && latest ? state.entries - latest.size : (state?.entries ?? 0);
  const v = check.verdict;
  return (
    <Paper sx={{ p: 3 }} data-testid="audit-integrity">
      <Stack spacing={2}>
        <Typography variant="h6">{t('checkpoint.title')}</Typography>
        {latest ? (
          <Box data-testid="audit-checkpoint" data-size={latest.size}>
            <Typography sx={{ fontWeight: 600 }}>{t('checkpoint.summary', { size: latest.size, time: new Date(latest.signedAt).toLocaleString(i18n.language) })}</Typography>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {t('checkpoint.root')}: {latest.rootHash}
            </Typography>
          </Box>
        ) : (
          <Typography data-testid="audit-checkpoint" data-size="0">
            {t('checkpoint.none')}
          </Typography>
        )}
        {main.device ? (
          <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="audit-fingerprint">
            {t('checkpoint.fingerprint')}: {main.device.fingerprint}
          </Typography>
        ) : null}
        {pending > 0 ? <Typography color="text.secondary">{t('checkpoint.pending', { count: pending })}</Typography> : null}
        {jobError ? <Alert severity="warning">{t('checkpoint.jobError', { message: jobError })}</Alert> : null}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button variant="contained" onClick={() => fireAndLog(logger, 'audit.check-run-failed', check.run())} disabled={check.busy} data-testid="audit-verify">
            {check.busy ? t('verifying', { count: check.progress }) : t('verify')}
          </Button>
          <Button variant="outlined" onClick={() => fireAndLog(logger, 'audit.now-run-failed', now.run())} disabled={now.busy} data-testid="audit-checkpoint-now">
            {t('checkpoint.now')}
          </Button>
        </Stack>
        {now.outcome ? (
          <Alert severity={now.outcome.kind === 'refused' ? 'error' : 'success'} data-testid="audit-checkpoint-outcome" data-kind={now.outcome.kind}>
            {outcomeText(t, now.outcome)}
          </Alert>
        ) : null}
        {check.failed ? <Alert severity="error">{t('failed', { message: check.failed })}</Alert> : null}
        {v ? (
          <Alert severity={v.ok ? 'success' : 'error'} data-testid="audit-verify-result" data-ok={String(v.ok)}>
            {v.ok ? (
              <>
                {t('allOk', { count: v.entries, checkpoints: v.checkpointsChecked, proven: v.provenUpTo })}
                {v.entries > v.provenUpTo ? ` ${t('unsignedTail', { count: v.entries - v.provenUpTo })}` : ''}
              </>
            ) : (
              <Stack component="ul" sx={{ m: 0, pl: 2 }}>
                {v.problems.map((p, i) => (
                  <li key={i} data-testid="audit-problem" data-kind={p.kind}>
                    {problemText(t, p)}
                  </li>
                ))}
              </Stack>
            )}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
};
