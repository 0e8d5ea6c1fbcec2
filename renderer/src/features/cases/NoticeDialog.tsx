import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CARD_SCHEMES, reasonCodesOf } from '../../../../shared/domain/cases/reason-codes';
import type { CardScheme, ReasonCategory } from '../../../../shared/domain/cases/reason-codes';
import { parseYuan } from '../../../../shared/domain/money';
import type { DisputeCaseRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { DateField } from '../session/DateField';
import { useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { CaseError } from './CaseError';

/** A retrieval request (调单) or chargeback (拒付) typed from the bank's notice; its sales are linked next. */
export const NoticeDialog = ({ onClose, onOpened }: { onClose: () => void; onOpened: (c: DisputeCaseRecord, transactionAt: number) => void }) => {
  const { t } = useTranslation('cases');
  const { cases, logger } = useServices();
  const shop = useShopTime();
  const [kind, setKind] = useState<'retrieval-request' | 'chargeback'>('retrieval-request');
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const [due, setDue] = useState('');
  const [scheme, setScheme] = useState<CardScheme>('unionpay');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (): Promise<void> => {
    const at = shop.parse(date);
    const fen = parseYuan(amount);
    const dueAt = due ? shop.parse(due, 'end') : null;
    if (!reference.trim() || at === null || fen === null || !/^\d{4}$/.test(last4) || (due && dueAt === null)) return setInvalid(true);
    setInvalid(false);
    const [code = '', category = ''] = reason.split('|');
    const c = await cases.open({
      type: kind,
      saleIds: [],
      origin: 'notice',
      notice: { reference: reference.trim().slice(0, 64), receivedAt: at, amountFen: fen, last4 },
      reason: kind === 'chargeback' && code ? { scheme, code, category: category as ReasonCategory } : null,
      ...(dueAt !== null ? { dueAt } : {}),
    });
    if (c) onOpened(c, at);
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('notice.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select label={t('notice.kind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} slotProps={{ htmlInput: { 'data-testid': 'notice-kind' } }}>
            <MenuItem value="retrieval-request" data-testid="notice-kind-retrieval-request">{t('type.retrieval-request')}</MenuItem>
            <MenuItem value="chargeback" data-testid="notice-kind-chargeback">{t('type.chargeback')}</MenuItem>
          </TextField>
          <TextField label={t('notice.reference')} value={reference} onChange={(e) => setReference(e.target.value)} slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'notice-reference' } }} />
          <DateField label={t('notice.date')} value={date} onChange={setDate} time={shop} testId="notice-date" minWidth={220} />
          <Stack direction="row" spacing={2}>
            <TextField label={t('notice.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'notice-amount' } }} />
            <TextField label={t('notice.last4')} value={last4} onChange={(e) => setLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'notice-last4' } }} />
          </Stack>
          <DateField label={t('notice.dueDate')} value={due} onChange={setDue} time={shop} testId="notice-due" minWidth={220} />
          {kind === 'chargeback' ? (
            <Stack direction="row" spacing={2}>
              <TextField select label={t('notice.scheme')} value={scheme} onChange={(e) => { setScheme(e.target.value as CardScheme); setReason(''); }} sx={{ minWidth: 160 }} slotProps={{ htmlInput: { 'data-testid': 'notice-scheme' } }}>
                {CARD_SCHEMES.map((s) => (
                  <MenuItem key={s} value={s} data-testid={`scheme-${s}`}>{t(`notice.schemes.${s}`)}</MenuItem>
                ))}
              </TextField>
              <TextField select label={t('notice.reasonCode')} value={reason} onChange={(e) => setReason(e.target.value)} sx={{ flex: 1 }} slotProps={{ htmlInput: { 'data-testid': 'notice-reason' } }}>
                {reasonCodesOf(scheme).map((r) => (
                  <MenuItem key={`${r.code}|${r.category}`} value={`${r.code}|${r.category}`} data-testid={`reason-${r.code}-${r.category}`}>
                    {r.code} · {t(`category.${r.category}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
          ) : null}
          {invalid ? <Alert severity="error" data-testid="notice-invalid">{t('notice.invalid')}</Alert> : null}
          <CaseError />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('open.cancel')}</Button>
        <Button variant="contained" onClick={() => fireAndLog(logger, 'cases.notice-failed', submit())} data-testid="notice-submit">
          {t('notice.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
