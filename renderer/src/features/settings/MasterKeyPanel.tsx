import { useState } from 'react';
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { envelopeErrorText } from '../session/error-text';
import { MASTER_KEY_ERROR_REASONS } from '../../../../shared/ipc/commands/acquirer';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { useMasterKey } from './useMasterKey';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';
import { useShopTime } from '../session/useShopTime';

const KNOWN_REASONS = new Set<string>([...MASTER_KEY_ERROR_REASONS, 'managerOnly']);
const hexDigits = (typed: string): number => typed.replace(/[^0-9A-Fa-f]/g, '').length;

/**
 * The terminal master key (Settings, next to the card host): which key is in use (its check
 * value, never the key) and, for a manager, loading one from the key sheet or removing it.
 * The typed key is cleared from the form after every attempt, whatever the answer.
 */
export const MasterKeyPanel = ({ isManager, realHost }: { isManager: boolean; realHost: boolean }) => {
  const { logger } = useRoot();
  const { t } = useTranslation('settings');
  const shop = useShopTime();
  const { t: tc } = useTranslation();
  const { status, busy, outcome, load, clear } = useMasterKey();
  const [keyHex, setKeyHex] = useState('');
  const [kcv, setKcv] = useState('');
  const [confirming, setConfirming] = useState(false);

  const errorText = (error: EnvelopeError): string => {
    if (error.reason && KNOWN_REASONS.has(error.reason)) return t(`masterKey.errors.${error.reason}`);
    if (error.code === 'VALIDATION' && error.field === 'keyHex') return t('masterKey.errors.master-key-format');
    if (error.code === 'VALIDATION' && error.field === 'kcv') return t('masterKey.errors.master-key-kcv-format');
    return envelopeErrorText(tc, error);
  };

  const submit = async (): Promise<void> => {
    const typed = keyHex;
    setKeyHex('');
    if (await load(typed, kcv)) setKcv('');
  };

  const remove = async (): Promise<void> => {
    setConfirming(false);
    await clear();
  };

  const testKey = status?.source === 'test';
  return (
    <Paper sx={{ p: 3 }} data-testid="master-key-panel">
      <Stack spacing={2}>
        <Typography variant="h6">{t('masterKey.title')}</Typography>
        <Typography variant="body2">{t('masterKey.hint')}</Typography>
        {status ? (
          <Stack direction="row" spacing={3} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2">{t('masterKey.inUse')}</Typography>
              <Chip size="small" color={testKey ? 'warning' : 'success'} label={t(`masterKey.source.${status.source}`)} data-testid="master-key-source" data-source={status.source} />
            </Stack>
            <Typography variant="body2">
              {t('masterKey.kcv')}{' '}
              <Typography component="span" sx={{ fontFamily: 'monospace', fontWeight: 600 }} data-testid="master-key-kcv">
                {status.kcv}
              </Typography>
            </Typography>
            {status.loadedAt ? (
              <Typography variant="body2" data-testid="master-key-loaded-at">
                {t('masterKey.loadedAt', { time: shop.dateTime(status.loadedAt) })}
              </Typography>
            ) : null}
          </Stack>
        ) : null}
        {status?.unreadable ? <Alert severity="error">{t('masterKey.unreadable')}</Alert> : null}
        {testKey && realHost ? (
          <Alert severity="warning" data-testid="master-key-test-warning">
            {t('masterKey.testWarning')}
          </Alert>
        ) : null}
        {testKey && !realHost ? <Alert severity="info">{t('masterKey.testInfo')}</Alert> : null}
        {isManager ? (
          <>
            <TextField
              type="password"
              label={t('masterKey.keyField')}
              value={keyHex}
              disabled={busy}
              autoComplete="off"
              onChange={(e) => setKeyHex(e.target.value)}
              helperText={t('masterKey.keyHelper', { count: hexDigits(keyHex) })}
              slotProps={{ htmlInput: { 'data-testid': 'master-key-input', spellCheck: false, autoCapitalize: 'off', maxLength: 64 } }}
            />
            <TextField
              label={t('masterKey.kcvField')}
              value={kcv}
              disabled={busy}
              autoComplete="off"
              onChange={(e) => setKcv(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'master-key-kcv-input', spellCheck: false, autoCapitalize: 'off', maxLength: 16 } }}
            />
            {status && !status.protectedByOs ? <Typography variant="caption">{t('masterKey.notProtectedByOs')}</Typography> : null}
            <Stack direction="row" spacing={2}>
              <Button variant="contained" disabled={busy || keyHex.trim() === ''} onClick={() => fireAndLog(logger, 'master-key.failed', submit())} data-testid="master-key-load">
                {t('masterKey.load')}
              </Button>
              <Button variant="outlined" color="error" disabled={busy || (testKey && !status.unreadable)} onClick={() => setConfirming(true)} data-testid="master-key-clear">
                {t('masterKey.clear')}
              </Button>
            </Stack>
          </>
        ) : null}
        {outcome?.kind === 'loaded' ? (
          <Alert severity="success" data-testid="master-key-result" data-outcome="loaded">
            {t('masterKey.loaded', { kcv: outcome.kcv })}
          </Alert>
        ) : null}
        {outcome?.kind === 'cleared' ? (
          <Alert severity="success" data-testid="master-key-result" data-outcome="cleared">
            {t('masterKey.cleared')}
          </Alert>
        ) : null}
        {outcome?.kind === 'failed' ? (
          <Alert severity="error" data-testid="master-key-result" data-outcome="failed" data-reason={outcome.error.reason ?? outcome.error.code}>
            {errorText(outcome.error)}
          </Alert>
        ) : null}
      </Stack>
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>{t('masterKey.confirmClearTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('masterKey.confirmClearBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{tc('actions.cancel')}</Button>
          <Button color="error" onClick={() => fireAndLog(logger, 'master-key.failed', remove())} data-testid="master-key-clear-confirm">
            {t('masterKey.clear')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
};
