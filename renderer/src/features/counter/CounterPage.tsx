import type { ReactNode } from 'react';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { useHostSettings } from '../session/HostSettingsContext';
import { useSessionActions } from '../session/SessionContext';
import { useServices } from '../session/ServicesContext';
import type { SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { useSettlement } from '../sale/useSettlement';
import { AmountStep } from './AmountStep';
import { CardStep } from './CardStep';
import { ChipSwipedStep } from './ChipSwipedStep';
import { DoneStep } from './DoneStep';
import { ResultStep } from './ResultStep';
import { ConfirmSignatureStep, SignatureStep } from './SignatureStep';
import { UnsignedStep } from './UnsignedStep';
import { useCounter } from './useCounter';
import { useLinkStatus } from './useLinkStatus';
import { useCustomerAmount, useOpenCustomerWindow } from '../customer/useCustomerScreen';
import { useShopTime } from '../session/useShopTime';
import { idTail } from '../../../../shared/domain/ids';

/**
 * The screen a cashier lives in: it shows the counter session's step (services/counter-session.ts)
 * and calls it. `printing` renders the print state of a finished sale.
 */
export const CounterPage = ({ printing }: { printing: (sale: SaleRecord) => ReactNode }) => {
  const { t } = useTranslation('counter');
  const shop = useShopTime();
  const { settings } = useHostSettings();
  const { operator, operators } = useSessionActions();
  // The approving manager is named (main checks that manager's PIN, never every manager's).
  const managers = operators.filter((o) => o.role === 'manager' && !o.disabled);
  const { logger, jobs } = useServices();
  const link = useLinkStatus();
  const { step, error, session } = useCounter();
  const { resolutions } = useSettlement();
  const run = (action: string, work: Promise<unknown>): void => fireAndLog(logger, `counter.${action}-failed`, work);
  const role = operator?.role ?? 'cashier';
  const openCustomer = useOpenCustomerWindow();
  const { t: tcu } = useTranslation('customer');
  useCustomerAmount(step.kind === 'card' || step.kind === 'chip-swiped' || step.kind === 'authorizing' ? step.sale : null);

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
        <Button variant="outlined" onClick={() => run('customer-window', openCustomer())} data-testid="open-customer-window">
          {tcu('open')}
        </Button>
      </Stack>
      {resolutions.map((r) => (
        <Alert key={r.sale.id} severity={r.outcome === 'reversed' || r.outcome === 'resolved' ? 'info' : 'warning'} onClose={() => jobs.dismissResolutions()} data-testid="counter-resolution" data-outcome={r.outcome}>
          {t(`resolved.${r.outcome}`, { amount: formatRmb(r.sale.amountFen), time: shop.time(r.sale.createdAt), code: r.sale.reversalCode ?? '' })}
        </Alert>
      ))}
      {error ? (
        <Alert severity="error" data-testid="counter-error">
          {t(`actionFailed.${error}`)}
        </Alert>
      ) : null}
      {step.kind === 'amount' ? <AmountStep onCharge={(fen, ref, note) => run('start', session.start(fen, ref, note))} /> : null}
      {step.kind === 'card' ? <CardStep sale={step.sale} role={role} onCard={(card) => run('card', session.onCard(card))} onCancel={() => run('cancel', session.cancel())} /> : null}
      {step.kind === 'chip-swiped' ? (
        <ChipSwipedStep maskedPan={step.card.maskedPan} onProceed={() => run('chip-swiped', session.confirmChipSwipe(true))} onCancel={() => run('chip-swiped', session.confirmChipSwipe(false))} />
      ) : null}
      {step.kind === 'duplicate' ? (
        <Alert severity="warning" data-testid="counter-duplicate" sx={{ fontSize: 18 }}>
          <Typography variant="h6">{t('duplicate.title')}</Typography>
          <Typography sx={{ my: 1 }}>
            {t('duplicate.body', { amount: formatRmb(step.earlier.amountFen), time: shop.time(step.earlier.createdAt), ref: step.earlier.rrn ?? idTail(step.earlier.id) })}
          </Typography>
          {/* The safe choice is the default: primary, first and focused, so Enter cancels. */}
          <Stack direction="row" spacing={2}>
            <Button variant="contained" onClick={() => run('duplicate', session.confirmDuplicate(false))} data-testid="duplicate-cancel" autoFocus sx={{ whiteSpace: 'nowrap' }}>
              {t('duplicate.cancel')}
            </Button>
            <Button variant="outlined" color="warning" onClick={() => run('duplicate', session.confirmDuplicate(true))} data-testid="duplicate-confirm" sx={{ whiteSpace: 'nowrap' }}>
              {t('duplicate.confirm')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {step.kind === 'authorizing' ? (
        <Alert severity="info" data-testid="counter-authorizing" sx={{ fontSize: 20 }}>
          {t('authorizing')}
        </Alert>
      ) : null}
      {step.kind === 'result' ? <ResultStep result={step.result} card={step.card} operatorId={operator?.id ?? ''} onNext={() => session.proceedAfterResult()} /> : null}
      {step.kind === 'signature' ? <SignatureStep sale={step.sale} onSigned={(strokes, png) => session.signed(strokes, png)} onDeclined={() => session.declineSignature()} /> : null}
      {step.kind === 'confirm-signature' ? (
        <ConfirmSignatureStep sale={step.sale} card={step.card.maskedPan} png={step.png} onConfirm={() => run('confirm-signature', session.confirmSignature())} onRedo={() => session.redo()} />
      ) : null}
      {step.kind === 'unsigned' ? <UnsignedStep mode={step.mode} managers={managers} onFinish={(exemption) => session.finishUnsigned(exemption)} onBack={() => session.redo()} /> : null}
      {step.kind === 'done' ? <DoneStep sale={step.sale} printing={printing(step.sale)} onNext={() => session.reset()} /> : null}
    </Stack>
  );
};
