import { useState } from 'react';
import { Box, Button, Chip, Divider, Drawer, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { idTail } from '../../../../shared/domain/ids';
import { CHARGED } from '../../../../shared/domain/sale/sale-state';
import { useHostSettings } from '../session/HostSettingsContext';
import { useShopTime } from '../session/useShopTime';
import { SalePrintStatus } from '../sale/SalePrintStatus';
import { usePrintSale } from '../sale/usePrintSale';
import { FollowUpActions } from '../follow-up/FollowUpActions';
import { ReverseDialog } from '../sale/ReverseDialog';
import { useLinkedRecords, useRefundable, useReverseSale } from '../sale/useReverseSale';
import { useOperators } from '../login/useOperators';
import { useSessionActions } from '../session/SessionContext';
import { ExportSaleButton } from '../evidence/ExportSaleButton';
import { SaleFields } from './SaleFields';
import { SaleReceipts } from './SaleReceipts';
import { SaleSignatures } from './SaleSignatures';
import { SaleTimeline } from './SaleTimeline';
import { SaleCases } from '../cases/SaleCases';
import { AttachmentPreview } from './AttachmentPreview';
import { useSale, useSaleSignatures, useTimeline } from './useTransactions';
import { SignatureCheckPanel } from '../signature-check/SignatureCheckPanel';
import { ReprintCheckDialog } from '../signature-check/ReprintCheckDialog';
import { VerifySignatureButton } from '../signature-check/VerifySignatureButton';
import { useCheckedReprint } from '../signature-check/useCheckedReprint';
import { useSignatureCheck } from '../signature-check/useSignatureCheck';

/**
 * A sale's fields, print state, reprints, void/refund, follow-up, the receipts as printed and the
 * signatures with their follow-up history, and the full timeline; all in the screen's language.
 */
export const SaleDetail = ({ saleId, onClose }: { saleId: string | null; onClose: () => void }) => {
  const { t } = useTranslation('transactions');
  const { t: ts } = useTranslation('sale');
  const sale = useSale(saleId);
  const original = useSale(sale?.originalSaleId ?? null);
  const timeline = useTimeline(saleId);
  const signatures = useSaleSignatures(saleId);
  const operators = useOperators();
  const time = useShopTime();
  const { settings } = useHostSettings();
  const printing = usePrintSale();
  const charged = sale && CHARGED.includes(sale.state);
  const [reverse, setReverse] = useState<'void' | 'refund' | null>(null);
  const remaining = useRefundable(sale);
  const linked = useLinkedRecords(saleId);
  const reverseSale = useReverseSale();
  const operatorName = (id: string): string => operators?.find((o) => o.id === id)?.name ?? idTail(id);
  const { operators: known } = useSessionActions();
  // The approving manager is named (main checks that manager's PIN, never every manager's).
  const managers = known.filter((o) => o.role === 'manager' && !o.disabled);
  // 校验签名, and before every reprint from here (issue 14).
  const check = useSignatureCheck(saleId);
  const reprint = useCheckedReprint();
  const customerSigned = sale?.signatureState === 'signed' || (signatures ?? []).some(({ signature: s }) => s.kind === 'original' || s.kind === 'supplementary');

  return (
    <Drawer anchor="right" open={saleId !== null} onClose={onClose} slotProps={{ paper: { sx: { width: 'min(640px, 100vw)', p: 3 } } }}>
      {sale ? (
        <Stack spacing={2} data-testid="sale-detail" data-state={sale.state} data-signature={sale.signatureState}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h2" sx={{ flex: 1 }}>
              {t('detail.title')}
            </Typography>
            <Chip label={t(`state.${sale.state}`)} data-testid="sale-detail-state" />
            <Chip label={t(`signature.${sale.signatureState}`)} color={sale.signatureState === 'unsigned' ? 'warning' : 'default'} />
            <Button onClick={onClose} data-testid="detail-close">
              {t('detail.close')}
            </Button>
          </Stack>
          <SaleFields sale={sale} original={original} time={time} operatorName={operatorName} />
          <ExportSaleButton saleId={sale.id} />
          {charged ? (
            <>
              <SalePrintStatus saleId={sale.id} onReprint={(copy) => reprint.reprint(sale, copy)} />
              <Stack direction="row" spacing={1}>
                <Button variant="outlined" disabled={reprint.checking} onClick={() => reprint.reprint(sale, 'merchant')} data-testid="detail-reprint-merchant">
                  {t('detail.reprintMerchant')}
                </Button>
                <Button variant="outlined" disabled={reprint.checking} onClick={() => reprint.reprint(sale, 'customer')} data-testid="detail-reprint-customer">
                  {t('detail.reprintCustomer')}
                </Button>
              </Stack>
              <ReprintCheckDialog guard={reprint} time={time} operatorName={operatorName} />
            </>
          ) : null}
          {sale.kind === 'sale' && sale.state === 'approved' ? (
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" color="error" onClick={() => setReverse('void')} data-testid="detail-void">
                {ts('reverse.void.action')}
              </Button>
              <Button variant="outlined" color="error" disabled={!remaining} onClick={() => setReverse('refund')} data-testid="detail-refund">
                {ts('reverse.refund.action')}
              </Button>
            </Stack>
          ) : null}
          {(linked ?? []).map((r) => (
            <Typography key={r.id} data-testid="linked-record" data-kind={r.kind} data-state={r.state}>
              {t(`kind.${r.kind}`)} {formatRmb(r.amountFen)} · {t(`state.${r.state}`)}
            </Typography>
          ))}
          {reverse && remaining !== undefined ? (
            <ReverseDialog
              sale={sale}
              kind={reverse}
              remainingFen={remaining}
              managers={managers}
              onClose={() => setReverse(null)}
              onSubmit={async (kind, fen, managerId, pin) => {
                const outcome = await reverseSale(sale, kind, fen, managerId, pin);
                if (outcome.ok) {
                  // The copies Settings ask for, as for a sale: the customer keeps proof of the refund.
                  await printing.printConfiguredCopies(outcome.record);
                  return null;
                }
                return 'retryAfterMs' in outcome ? { reason: outcome.reason, retryAfterMs: outcome.retryAfterMs } : outcome.reason;
              }}
            />
          ) : null}
          {sale.signatureState === 'unsigned' ? <FollowUpActions sale={sale} /> : null}
          {customerSigned ? <SignatureCheckPanel sale={sale} check={check} time={time} operatorName={operatorName} /> : null}
          {sale.kind === 'sale' ? <SaleCases sale={sale} preview={AttachmentPreview} /> : null}
          <Divider />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr' } }}>
            <SaleSignatures records={signatures ?? []} time={time} operatorName={operatorName} action={(s) => <VerifySignatureButton signature={s} check={check} />} />
            <SaleReceipts sale={sale} settings={settings} time={time} />
          </Box>
          <Divider />
          <SaleTimeline items={timeline ?? []} time={time} />
        </Stack>
      ) : (
        <Box />
      )}
    </Drawer>
  );
};
