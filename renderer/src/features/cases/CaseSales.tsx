import { useState } from 'react';
import { Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { DisputeCaseRecord, SaleRecord } from '../../data/records';
import type { HostAnswer } from '../../services/cases/host-inquiry';
import { fireAndLog } from '../../services/logger';
import { ReverseDialog } from '../sale/ReverseDialog';
import { useRefundable } from '../sale/useReverseSale';
import { useServices } from '../session/ServicesContext';
import { useSessionActions } from '../session/SessionContext';
import { useShopTime } from '../session/useShopTime';

/**
 * The case's sales side by side (time, amount, card, RRN, auth code, state), each with the host
 * inquiry; in a duplicate case every sale after the first can be refunded (manager PIN, the one
 * refund path), and the refund is linked to the case.
 */
export const CaseSales = ({ c, sales, onOpenSale, refundFor, setRefundFor }: { c: DisputeCaseRecord; sales: SaleRecord[]; onOpenSale: ((id: string) => void) | null; refundFor: SaleRecord | null; setRefundFor: (s: SaleRecord | null) => void }) => {
  const { t } = useTranslation('cases');
  const { t: tt } = useTranslation('transactions');
  const { cases, logger, printing } = useServices();
  const time = useShopTime();
  const [answers, setAnswers] = useState<Record<string, HostAnswer>>({});
  const { operators } = useSessionActions();
  const managers = operators.filter((o) => o.role === 'manager' && !o.disabled);
  const remaining = useRefundable(refundFor ?? undefined);
  if (sales.length === 0) return <Typography color="text.secondary">{t('noSales')}</Typography>;
  const rows: Array<[string, (s: SaleRecord) => string]> = [
    ['time', (s) => time.dateTime(s.createdAt)],
    ['amount', (s) => formatRmb(s.amountFen)],
    ['card', (s) => (s.last4 ? `…${s.last4}` : '—')],
    ['rrn', (s) => s.rrn ?? '—'],
    ['authCode', (s) => s.authCode ?? '—'],
    ['state', (s) => tt(`state.${s.state}`)],
  ];
  const inquire = async (s: SaleRecord): Promise<void> => {
    const answer = await cases.inquire(c.id, s.id);
    if (answer) setAnswers((a) => ({ ...a, [s.id]: answer }));
  };
  return (
    <Paper variant="outlined" data-testid="case-sales" data-count={sales.length}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{sales.length > 1 ? t('detail.sideBySide') : ''}</TableCell>
            {sales.map((s, i) => (
              <TableCell key={s.id} data-testid="case-sale-column" data-index={i}>
                #{i + 1}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(([key, value]) => (
            <TableRow key={key}>
              <TableCell component="th">{t(`detail.${key}`)}</TableCell>
              {sales.map((s) => (
                <TableCell key={s.id} data-testid={`case-sale-${key}`}>
                  {value(s)}
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell />
            {sales.map((s, i) => (
              <TableCell key={s.id}>
                <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                  <Button size="small" onClick={() => fireAndLog(logger, 'cases.inquire-failed', inquire(s))} data-testid="case-inquire">
                    {t('detail.inquire')}
                  </Button>
                  {answers[s.id] ? (
                    <Typography variant="body2" data-testid="case-host-answer" data-answer={answers[s.id]}>
                      {t(`detail.hostAnswer.${answers[s.id]}`)}
                    </Typography>
                  ) : null}
                  {onOpenSale ? (
                    <Button size="small" onClick={() => onOpenSale(s.id)} data-testid="case-open-sale">
                      {t('detail.openSale')}
                    </Button>
                  ) : null}
                  {c.type === 'duplicate-charge' && i > 0 && s.state === 'approved' ? (
                    <Button size="small" color="error" variant="outlined" onClick={() => setRefundFor(s)} data-testid="case-refund-duplicate">
                      {t('detail.refundDuplicate')}
                    </Button>
                  ) : null}
                </Stack>
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
      {refundFor && remaining !== undefined ? (
        <ReverseDialog
          sale={refundFor}
          kind="refund"
          remainingFen={remaining}
          managers={managers}
          onClose={() => setRefundFor(null)}
          onSubmit={async (_kind, fen, managerId, pin) => {
            const outcome = await cases.refundDuplicate(c.id, refundFor, fen, managerId, pin);
            if (outcome.ok) {
              // The copies Settings ask for, as for any refund: the customer keeps proof of it.
              await printing.printConfiguredCopies(outcome.record);
              return null;
            }
            return 'retryAfterMs' in outcome ? { reason: outcome.reason, retryAfterMs: outcome.retryAfterMs } : outcome.reason;
          }}
        />
      ) : null}
    </Paper>
  );
};
