import { useState } from 'react';
import { Alert, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { formatRmb } from '../../../../shared/domain/money';
import { useSessionActions } from '../session/SessionContext';
import { useServices } from '../session/ServicesContext';
import type { QueueItem } from '../../services/recon/reconcile-service';
import { ManagerPinDialog } from './ManagerPinDialog';

const money = (fen: number | null): string => (fen === null ? '' : formatRmb(Math.abs(fen)));

/** One mismatch: what differs and why it matters, the records behind it, and what to do next. */
export const QueueItemCard = ({ item, locked }: { item: QueueItem; locked: boolean }) => {
  const { t } = useTranslation('settlement');
  const { logger, reconcile } = useServices();
  const operatorId = useSessionActions().operator?.id ?? '';
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<'note' | 'dispute' | null>(null);
  const [inquiry, setInquiry] = useState<string | null>(null);
  const group = item.group ? (item.group.startsWith('batch:') ? `${t('column.batch')} ${item.group.slice(6)}` : item.group.slice(4)) : '';
  const reason = t(`reconcile.reasons.${item.kind}`, {
    amount: money(item.amountFen),
    other: money(item.otherFen),
    fee: money(item.feeFen),
    expected: money(item.expectedFeeFen),
    group,
    difference: item.otherFen === null ? '' : money(item.otherFen - item.amountFen),
  });
  const details = [
    item.slip ? `${t('column.rrn')} ${item.slip.rrn ?? '—'} · ${t('column.trace')} ${item.slip.stan ?? '—'} · ${t('column.last4')} ${item.slip.last4 || '—'} · ${new Date(item.slip.createdAt).toLocaleString()}` : null,
    item.row ? `${t('column.fileRow')} ${item.row.line} · ${t('column.rrn')} ${item.row.rrn ?? '—'} · ${money(item.row.amountFen)}` : null,
    item.bank ? `${t('column.fileRow')} ${item.bank.line} · ${item.bank.day} · ${money(item.bank.amountFen)} · ${item.bank.memo ?? ''}` : null,
  ].filter((x): x is string => x !== null);
  return (
    <Paper sx={{ p: 2, borderLeft: 4, borderColor: item.resolved ? 'success.main' : 'warning.main' }} data-testid="queue-item" data-kind={item.kind} data-resolved={item.resolved ? 'yes' : 'no'}>
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Chip color={item.resolved ? 'success' : 'warning'} label={t(`reconcile.kinds.${item.kind}`)} />
          <Typography variant="body2">{item.day}</Typography>
          {item.resolved ? <Chip size="small" variant="outlined" label={t('reconcile.resolved')} /> : null}
        </Stack>
        <Typography data-testid="queue-reason">{reason}</Typography>
        {details.map((d) => (
          <Typography key={d} variant="body2" color="text.secondary">
            {d}
          </Typography>
        ))}
        {item.explanations.map((e) => (
          <Typography key={e.id} variant="body2" data-testid="queue-explanation" data-kind={e.kind}>
            {`${t(`reconcile.explanation.${e.kind}`, { type: e.caseType ? t(`reconcile.caseTypes.${e.caseType}`) : '' })}${e.note ? `: ${e.note}` : ''}${e.outcome ? `: ${t(`reconcile.inquiryResult.${e.outcome.startsWith('failed') ? 'failed' : e.outcome}`)}` : ''} · ${new Date(e.createdAt).toLocaleString()}`}
          </Typography>
        ))}
        {inquiry ? <Alert severity="info">{t(`reconcile.inquiryResult.${inquiry.startsWith('failed') ? 'failed' : inquiry}`)}</Alert> : null}
        {!item.resolved && !locked ? (
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <TextField size="small" placeholder={t('reconcile.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'queue-note-text' } }} sx={{ minWidth: 320 }} />
            {item.nextSteps.map((step) => (
              <Button
                key={step}
                size="small"
                variant={step === 'note' ? 'contained' : 'outlined'}
                disabled={step === 'note' && note.trim() === ''}
                data-testid={`queue-${step}`}
                onClick={() => {
                  if (step === 'inquiry') fireAndLog(logger, 'settlement.queue-item-card-failed', reconcile.inquire(item.key, operatorId).then(setInquiry));
                  else setAsking(step);
                }}
              >
                {t(`reconcile.actions.${step}`)}
              </Button>
            ))}
          </Stack>
        ) : null}
      </Stack>
      {asking ? (
        <ManagerPinDialog
          action={asking}
          onClose={() => setAsking(null)}
          onApproved={({ managerId }) => {
            const what = asking;
            setAsking(null);
            fireAndLog(logger, 'settlement.queue-item-card-failed', (what === 'note' ? reconcile.explain(item.key, note, operatorId, managerId) : reconcile.disputeCase(item.key, note, operatorId, managerId)));
          }}
        />
      ) : null}
    </Paper>
  );
};
