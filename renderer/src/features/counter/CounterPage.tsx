import type { ReactNode } from 'react';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import type { SaleRecord } from '../../data/records';
import { AmountStep } from './AmountStep';
import { CardStep } from './CardStep';
import { DoneStep } from './DoneStep';
import { ResultStep } from './ResultStep';
import { ConfirmSignatureStep, SignatureStep } from './SignatureStep';
import { UnsignedStep } from './UnsignedStep';
import { useCounter } from './useCounter';
import { useLinkStatus } from './useLinkStatus';
import { useCustomerAmount, useOpenCustomerWindow } from '../customer/useCustomerScreen';

/** The screen a cashier lives in. `printing` renders the print state of a finished sale. */
export const CounterPage = ({ onFinished, printing }: { onFinished: (sale: SaleRecord) => void; printing: (sale: SaleRecord) => ReactNode }) => {
  const { t, i18n } = useTranslation('counter');
  const { settings } = useHostSettings();
  const { operator, operators, approveAsManager } = useSessionActions();
  const link = useLinkStatus();
  const counter = useCounter(operator?.id ?? '', settings, link.online !== false, onFinished, approveAsManager);
  const managers = operators.filter((o) => o.role === 'manager' && !o.disabled);
  const { step } = counter;
  const role = operator?.role ?? 'cashier';
  const openCustomer = useOpenCustomerWindow();
  const { t: tcu } = useTranslation('customer');
  useCustomerAmount(step.kind === 'card' || step.kind === 'authorizing' ? step.sale : null);

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100 }} data-testid="counter" data-step={step.kind}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {t('title')}
        </Typography>
        <Chip
          data-testid="link-status"
          data-online={String(link.online)}
          color={link.online === false ? 'error' : link.online ? 'success' : 'default'}
          label={link.online === null ? t('link.checking') : link.online ? (settings.acquirer.kind === 'simulated' ? t('link.training') : t('link.online')) : t('link.offline')}
        />
        <Button variant="outlined" onClick={() => void openCustomer()} data-testid="open-customer-window">
          {tcu('open')}
        </Button>
      </Stack>
      {counter.resolutions.map((r) => (
        <Alert key={r.sale.id} severity={r.outcome === 'reversed' ? 'info' : 'warning'} onClose={counter.dismissResolutions} data-testid="counter-resolution">
          {t(r.outcome === 'reversed' ? 'resolved.reversed' : 'resolved.stillUnknown', { amount: formatRmb(r.sale.amountFen), time: new Date(r.sale.createdAt).toLocaleTimeString(i18n.language) })}
        </Alert>
      ))}
      {step.kind === 'amount' ? <AmountStep onCharge={(fen, ref, note) => void counter.start(fen, ref, note)} /> : null}
      {step.kind === 'card' ? <CardStep sale={step.sale} role={role} onCard={(card) => void counter.onCard(card)} onCancel={() => void counter.cancel()} /> : null}
      {step.kind === 'duplicate' ? (
        <Alert severity="warning" data-testid="counter-duplicate" sx={{ fontSize: 18 }}>
          <Typography variant="h6">{t('duplicate.title')}</Typography>
          <Typography sx={{ my: 1 }}>
            {t('duplicate.body', { amount: formatRmb(step.earlier.amountFen), time: new Date(step.earlier.createdAt).toLocaleTimeString(i18n.language), ref: step.earlier.rrn ?? step.earlier.id.slice(0, 8) })}
          </Typography>
          <Stack direction="row" spacing={2}>
            <Button variant="contained" color="warning" onClick={() => void counter.confirmDuplicate(true)} data-testid="duplicate-confirm">
              {t('duplicate.confirm')}
            </Button>
            <Button variant="outlined" onClick={() => void counter.confirmDuplicate(false)} data-testid="duplicate-cancel">
              {t('duplicate.cancel')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {step.kind === 'authorizing' ? (
        <Alert severity="info" data-testid="counter-authorizing" sx={{ fontSize: 20 }}>
          {t('authorizing')}
        </Alert>
      ) : null}
      {step.kind === 'result' ? <ResultStep result={step.result} card={step.card} operatorId={operator?.id ?? ''} onNext={counter.proceedAfterResult} /> : null}
      {step.kind === 'signature' ? <SignatureStep sale={step.sale} onSigned={counter.signed} onDeclined={counter.declineSignature} /> : null}
      {step.kind === 'confirm-signature' ? (
        <ConfirmSignatureStep sale={step.sale} card={step.card.maskedPan} png={step.png} onConfirm={() => void counter.confirmSignature()} onRedo={counter.redo} />
      ) : null}
      {step.kind === 'unsigned' ? <UnsignedStep mode={step.mode} managers={managers} onFinish={counter.finishUnsigned} onBack={counter.redo} /> : null}
      {step.kind === 'done' ? <DoneStep sale={step.sale} printing={printing(step.sale)} onNext={counter.reset} /> : null}
    </Stack>
  );
};
