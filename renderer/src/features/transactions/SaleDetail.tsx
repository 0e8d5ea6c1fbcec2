import { Box, Button, Divider, Drawer, List, ListItem, ListItemText, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import { SalePrintStatus } from '../sale/SalePrintStatus';
import { usePrintSale } from '../sale/usePrintSale';
import { FollowUpActions } from '../follow-up/FollowUpActions';
import { ReverseDialog } from '../sale/ReverseDialog';
import { useLinkedRecords, useRefundable, useReverseSale } from '../sale/useReverseSale';
import { useState } from 'react';
import type { TimelineItem } from './timeline';
import { useSale, useTimeline } from './useTransactions';

const TimelineText = ({ item }: { item: TimelineItem }) => {
  const { t } = useTranslation('transactions');
  const { t: ts } = useTranslation('sale');
  if (item.kind === 'audit') return <>{`${item.entry.action}${item.entry.result === 'fail' ? ' ✗' : ''}`}</>;
  if (item.kind === 'print') {
    const j = item.job;
    return <>{t('detail.printEvent', { copy: ts(`copy.${j.copy}`), reprint: j.reprint > 0 ? ` · ${ts('reprintN', { n: j.reprint })}` : '', state: ts(`printState.${j.state}`) })}</>;
  }
  return <>{t(`detail.signatureEvent.${item.signature.kind}`, { reason: item.signature.reason })}</>;
};

/** A sale's fields, full timeline, print state, reprints and follow-up actions. */
export const SaleDetail = ({ saleId, onClose }: { saleId: string | null; onClose: () => void }) => {
  const { t, i18n } = useTranslation('transactions');
  const sale = useSale(saleId);
  const timeline = useTimeline(saleId);
  const { settings } = useHostSettings();
  const { operator, operators, approveAsManager } = useSessionActions();
  const { printCopy } = usePrintSale(settings, { id: operator?.id ?? '', name: operator?.name ?? '' });
  const charged = sale && (sale.state === 'approved' || sale.state === 'offline-accepted');
  const [reverse, setReverse] = useState<'void' | 'refund' | null>(null);
  const remaining = useRefundable(sale);
  const linked = useLinkedRecords(saleId);
  const reverseSale = useReverseSale(operator?.id ?? '', approveAsManager);
  const managers = operators.filter((o) => o.role === 'manager' && !o.disabled);
  const { t: ts } = useTranslation('sale');

  const fields: Array<[string, string]> = sale
    ? [
        ['amount', formatRmb(sale.amountFen)],
        ['card', sale.card?.maskedPan ?? '—'],
        ['brand', sale.card?.brand ?? '—'],
        ['entry', sale.card?.entryMode ?? '—'],
        ['auth', sale.authCode ?? '—'],
        ['rrn', sale.rrn ?? '—'],
        ['stan', sale.stan ?? '—'],
        ['batch', sale.batch ?? '—'],
        ['code', sale.responseCode ?? '—'],
        ['reference', sale.reference || '—'],
        ['note', sale.note || '—'],
        ['id', sale.id],
      ]
    : [];

  return (
    <Drawer anchor="right" open={saleId !== null} onClose={onClose} slotProps={{ paper: { sx: { width: 620, p: 3 } } }}>
      {sale ? (
        <Stack spacing={2} data-testid="sale-detail" data-state={sale.state} data-signature={sale.signatureState}>
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Typography variant="h5" sx={{ flex: 1 }}>
              {t('detail.title')} · {t(`state.${sale.state}`)} · {t(`signature.${sale.signatureState}`)}
            </Typography>
            <Button onClick={onClose}>{t('detail.close')}</Button>
          </Stack>
          <Table size="small">
            <TableBody>
              {fields.map(([key, value]) => (
                <TableRow key={key}>
                  <TableCell component="th" sx={{ fontWeight: 600, width: 180 }}>
                    {t(`detail.fields.${key}`)}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{value}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {charged ? (
            <>
              <SalePrintStatus saleId={sale.id} onReprint={(copy) => void printCopy(sale, copy, null, true)} />
              <Stack direction="row" spacing={1}>
                <Button variant="outlined" onClick={() => void printCopy(sale, 'merchant', null, true)} data-testid="detail-reprint-merchant">
                  {t('detail.reprintMerchant')}
                </Button>
                <Button variant="outlined" onClick={() => void printCopy(sale, 'customer', null, true)} data-testid="detail-reprint-customer">
                  {t('detail.reprintCustomer')}
                </Button>
              </Stack>
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
                  await printCopy(outcome.record, 'merchant');
                  return null;
                }
                return 'retryAfterMs' in outcome ? { reason: outcome.reason, retryAfterMs: outcome.retryAfterMs } : outcome.reason;
              }}
            />
          ) : null}
          {sale.signatureState === 'unsigned' ? <FollowUpActions sale={sale} /> : null}
          <Divider />
          <Typography variant="h6">{t('detail.timeline')}</Typography>
          <List dense data-testid="sale-timeline">
            {(timeline ?? []).map((item) => (
              <ListItem key={item.key} disableGutters>
                <ListItemText primary={<TimelineText item={item} />} secondary={new Date(item.at).toLocaleString(i18n.language)} />
              </ListItem>
            ))}
          </List>
        </Stack>
      ) : (
        <Box />
      )}
    </Drawer>
  );
};
