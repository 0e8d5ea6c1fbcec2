import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { VERIFY_CODES } from '../../../../shared/domain/evidence/verify-failures';
import type { VerifyReport } from '../../../../shared/domain/evidence/verify-bundle';
import { fireAndLog } from '../../services/logger';
import { FINGERPRINT } from '../../services/evidence/bundle-check';
import { useServices, useServiceSnapshot } from '../session/ServicesContext';

/** Every check the verifier makes, each OK or with its failures (stable code, file, message). */
const Checks = ({ report }: { report: VerifyReport }) => {
  const { t } = useTranslation('evidence');
  return (
    <Stack spacing={1} data-testid="verify-checks">
      {VERIFY_CODES.map((code) => {
        const failures = report.failures.filter((f) => f.code === code);
        const ok = failures.length === 0;
        return (
          <Box key={code} data-testid={`verify-check-${code}`} data-ok={ok} sx={{ borderLeft: 4, borderColor: ok ? 'success.main' : 'error.main', pl: 1.5 }}>
            <Typography sx={{ fontWeight: 600 }}>
              {ok ? t('verify.pass') : t('verify.fail')} · {t(`verify.check.${code}`)}
            </Typography>
            {failures.map((f, i) => (
              <Typography key={i} variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="verify-failure" data-code={f.code}>
                {f.code}
                {f.file ? ` ${f.file}` : ''}
                {f.field ? ` [${f.field}]` : ''}: {f.message}
              </Typography>
            ))}
          </Box>
        );
      })}
    </Stack>
  );
};

const Facts = ({ report, fileName }: { report: VerifyReport; fileName: string }) => {
  const { t } = useTranslation('evidence');
  const f = report.facts;
  const rows: Array<[string, string]> = [
    [t('verify.facts.file'), fileName],
    [t('verify.facts.sales'), f.sales.join(', ')],
    [t('verify.facts.key'), f.keyFingerprint ?? '—'],
    [t('verify.facts.files'), String(f.files)],
    [t('verify.facts.audit'), String(f.auditEntries)],
    [t('verify.facts.signatures'), String(f.signaturesChecked)],
  ];
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {rows.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary">
            {k}
          </Typography>
          <Typography component="dd" sx={{ m: 0, wordBreak: 'break-all' }}>
            {v}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};

/** 校验证据包 / Verify a bundle: drop or choose a ZIP, see every check with the trusted key this device's or one typed in. */
export const VerifyBundlePage = () => {
  const { t } = useTranslation('evidence');
  const { bundleCheck, logger } = useServices();
  const { state, deviceKey } = useServiceSnapshot(bundleCheck);
  const [typed, setTyped] = useState('');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const keyBad = typed.trim() !== '' && !FINGERPRINT.test(typed.trim());

  useEffect(() => {
    if (!deviceKey) fireAndLog(logger, 'evidence.device-key-failed', bundleCheck.loadDeviceKey());
  }, [bundleCheck, deviceKey, logger]);

  const check = (file: File | undefined) => {
    if (!file || keyBad) return;
    fireAndLog(logger, 'evidence.verify-failed', bundleCheck.check(file, typed.trim() || null));
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }} data-testid="verify-page" data-phase={state.phase}>
      <Typography variant="h5" component="h1">
        {t('verify.title')}
      </Typography>
      <Typography color="text.secondary">{t('verify.intro')}</Typography>
      <TextField
        label={t('verify.keyLabel')}
        value={typed}
        placeholder={deviceKey ?? ''}
        error={keyBad}
        helperText={keyBad ? t('verify.keyInvalid') : typed.trim() ? t('verify.keyHelp') : `${t('verify.keyThisDevice')}: ${deviceKey ?? '—'}`}
        onChange={(e) => setTyped(e.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'verify-key', spellCheck: false, style: { fontFamily: 'monospace' } } }}
      />
      <Box
        data-testid="verify-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          check(e.dataTransfer.files[0]);
        }}
        sx={{ border: 2, borderStyle: 'dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 2, p: 4, textAlign: 'center' }}
      >
        <Typography component="span">{t('verify.drop')} </Typography>
        <Button variant="outlined" onClick={() => input.current?.click()} data-testid="verify-choose">
          {t('verify.choose')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          hidden
          data-testid="verify-file"
          onChange={(e) => {
            check(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </Box>
      {state.phase === 'running' ? (
        <Stack spacing={1}>
          <Typography>{t('verify.running', { done: state.done, total: state.total })}</Typography>
          <LinearProgress variant={state.total > 0 ? 'determinate' : 'indeterminate'} value={state.total > 0 ? (100 * state.done) / state.total : undefined} />
        </Stack>
      ) : null}
      {state.phase === 'unreadable' ? (
        <Alert severity="error" data-testid="verify-verdict" data-ok="false">
          {t('verify.unreadable', { message: state.message })}
        </Alert>
      ) : null}
      {state.phase === 'done' ? (
        <>
          <Alert severity={state.report.ok ? 'success' : 'error'} data-testid="verify-verdict" data-ok={state.report.ok}>
            {state.report.ok ? t('verify.ok') : t('verify.failed', { count: state.report.failures.length })}
          </Alert>
          <Facts report={state.report} fileName={state.fileName} />
          <Checks report={state.report} />
        </>
      ) : null}
    </Stack>
  );
};
