import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSignOn } from './useSignOn';
import { useRoot } from '../session/RootContext';
import { fireAndLog } from '../../services/logger';

/** Offered when the host asks for a new sign-on (A0, 30, 97, or an answer whose MAC failed). */
export const SignOnAgain = ({ operatorId }: { operatorId: string }) => {
  const { logger } = useRoot();
  const { t } = useTranslation('counter');
  const { state, signOn } = useSignOn(operatorId);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Button variant="outlined" size="large" disabled={state.kind === 'busy'} onClick={() => fireAndLog(logger, 'counter.sign-on-failed', signOn())} data-testid="counter-sign-on" sx={{ minHeight: 56 }}>
        {t('result.resign')}
      </Button>
      {state.kind === 'busy' ? <Alert severity="info">{t('signOn.busy')}</Alert> : null}
      {state.kind === 'signed-on' ? (
        <Alert severity="success" data-testid="counter-sign-on-result" data-outcome="signed-on">
          {t('signOn.ok')}
        </Alert>
      ) : null}
      {state.kind === 'failed' ? (
        <Alert severity="error" data-testid="counter-sign-on-result" data-outcome="failed">
          {t('signOn.failed', { reason: state.code ?? state.reason })}
        </Alert>
      ) : null}
    </Stack>
  );
};
