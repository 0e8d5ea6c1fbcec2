import { useEffect, useRef, useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { SignatureCanvas } from '../signature/SignatureCanvas';
import type { SignatureCanvasHandle } from '../signature/SignatureCanvas';
import { openCustomerChannel } from './customer-channel';
import type { CustomerMessage } from './customer-channel';

/**
 * The signing area's height: as tall as the display allows after the amount and the buttons
 * (about 300 px of them), so 签好了 stays on screen on a 1024×600 customer display.
 */
const PAD_HEIGHT = 'clamp(160px, calc(100vh - 300px), 420px)';

/** The customer-facing window: the amount, then the signature pad when the cashier asks. */
export const CustomerWindow = () => {
  const { t } = useTranslation('customer');
  const [state, setState] = useState<CustomerMessage>({ type: 'idle' });
  const [empty, setEmpty] = useState(true);
  const pad = useRef<SignatureCanvasHandle>(null);
  const channel = useRef<ReturnType<typeof openCustomerChannel> | null>(null);
  useEffect(() => {
    const c = openCustomerChannel((m) => {
      if (m.type !== 'signed') setState(m);
    });
    channel.current = c;
    return c.close;
  }, []);
  const signing = state.type === 'request-signature';
  return (
    <Box
      sx={{ height: '100vh', boxSizing: 'border-box', overflow: 'hidden', bgcolor: 'primary.main', color: '#fff', display: 'flex', flexDirection: 'column', justifyContent: signing ? 'flex-start' : 'center', alignItems: 'center', p: { xs: 2, md: 3 } }}
      data-testid="customer-window"
      data-state={state.type}
    >
      <Stack spacing={2} sx={{ width: '100%', maxWidth: 960, textAlign: 'center' }}>
        {state.type === 'idle' ? <Typography variant="h3">{t('welcome')}</Typography> : null}
        {state.type === 'show-amount' ? (
          <>
            <Typography variant="h5">{t('amount')}</Typography>
            <Typography sx={{ fontSize: 72, fontWeight: 700 }} data-testid="customer-amount">
              {formatRmb(state.amountFen)}
            </Typography>
          </>
        ) : null}
        {signing ? (
          <>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', justifyContent: 'center' }}>
              <Typography variant="h5" sx={{ whiteSpace: 'nowrap' }}>
                {t('amount')}
              </Typography>
              <Typography sx={{ fontSize: 48, fontWeight: 700, lineHeight: 1.2, whiteSpace: 'nowrap' }} data-testid="customer-amount">
                {formatRmb(state.amountFen)}
              </Typography>
            </Stack>
            <Box sx={{ bgcolor: '#fff', p: 2, borderRadius: 2, color: 'text.primary' }}>
              <Typography variant="h6" sx={{ mb: 1 }}>
                {t('signHere')}
              </Typography>
              <SignatureCanvas ref={pad} height={PAD_HEIGHT} onChange={setEmpty} testId="customer-canvas" />
              <Stack direction="row" spacing={2} sx={{ mt: 2, justifyContent: 'flex-end' }}>
                <Button variant="outlined" size="large" onClick={() => pad.current?.clear()} sx={{ whiteSpace: 'nowrap' }}>
                  {t('clear')}
                </Button>
                <Button
                  variant="contained"
                  size="large"
                  disabled={empty}
                  data-testid="customer-done"
                  sx={{ whiteSpace: 'nowrap', minWidth: 160 }}
                  onClick={() => {
                    const captured = pad.current?.capture();
                    if (captured && state.type === 'request-signature') {
                      channel.current?.post({ type: 'signed', saleId: state.saleId, strokes: captured.strokes, png: captured.png });
                      setState({ type: 'idle' });
                    }
                  }}
                >
                  {t('done')}
                </Button>
              </Stack>
            </Box>
          </>
        ) : null}
      </Stack>
    </Box>
  );
};
