import { useRef, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { Alert, Box, Button, Chip, Drawer, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../../shared/domain/cases/checklists';
import type { AttachmentKind } from '../../../../shared/domain/cases/evidence-facts';
import { idTail } from '../../../../shared/domain/ids';
import { formatRmb } from '../../../../shared/domain/money';
import type { AttachmentRecord, SaleRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { FollowUpActions } from '../follow-up/FollowUpActions';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { CaseCandidates } from './CaseCandidates';
import { CaseChecklist } from './CaseChecklist';
import { CaseDue } from './CaseDue';
import { CaseError } from './CaseError';
import { CaseFollowUp } from './CaseFollowUp';
import { CaseSales } from './CaseSales';
import { useCase, useCaseEvents, useCaseSales, useChecklist, useNow } from './useCases';

/**
 * One case: its sales side by side, the live checklist whose missing items act from here (host
 * inquiry, supplementary signature, attachment, slip, receipt, refund, linking), the deadline, and
 * the follow-up (status with who and why, notes, contacts, attachments, timeline).
 */
export interface CaseViews {
  /** A sale's detail (the transactions feature's drawer), when the case is shown outside it. */
  saleView?: (saleId: string | null, onClose: () => void) => ReactNode;
  /** How an attachment is previewed (the transactions feature's preview). */
  preview: ComponentType<{ file: AttachmentRecord }>;
}

export const CaseDetail = ({ caseId, onClose, transactionAt = null, views }: { caseId: string | null; onClose: () => void; transactionAt?: number | null; views: CaseViews }) => {
  const { t } = useTranslation('cases');
  const { cases, printing, logger } = useServices();
  const { busy } = useServiceSnapshot(cases);
  const c = useCase(caseId);
  const bundle = useCaseSales(c);
  const checklist = useChecklist(c);
  const events = useCaseEvents(caseId) ?? [];
  const now = useNow();
  const time = useShopTime();
  const [saleOpen, setSaleOpen] = useState<string | null>(null);
  const [signFor, setSignFor] = useState<SaleRecord | null>(null);
  const [refundFor, setRefundFor] = useState<SaleRecord | null>(null);
  const [slip, setSlip] = useState<string | null>(null);
  const [attachKind, setAttachKind] = useState<AttachmentKind>('slip-photo');
  const attachRef = useRef<HTMLInputElement>(null);
  const sales = bundle?.sales ?? [];

  const act = (item: ChecklistItem): void => {
    if (!c) return;
    switch (item.action) {
      case 'inquire':
        for (const s of sales) fireAndLog(logger, 'cases.inquire-failed', cases.inquire(c.id, s.id));
        return;
      case 'print-slip':
        fireAndLog(logger, 'cases.slip-failed', cases.printExplanation(c.id).then(setSlip));
        return;
      case 'print-receipt':
        for (const s of sales) fireAndLog(logger, 'print.reprint-failed', printing.printCopy(s, 'merchant', null, true));
        return;
      case 'supplementary-signature': {
        const unsigned = sales.find((s) => s.signatureState === 'unsigned');
        if (unsigned) setSignFor(unsigned);
        else if (sales[0]) setSaleOpen(sales[0].id);
        return;
      }
      case 'attach':
        setAttachKind(item.attachmentKind ?? 'other');
        // The chooser opens after the kind is set (next frame), so the file is filed under it.
        window.setTimeout(() => attachRef.current?.click(), 0);
        return;
      case 'refund':
        setRefundFor(sales.find((s, i) => i > 0 && s.state === 'approved') ?? null);
        return;
      default:
        return;
    }
  };

  return (
    <Drawer anchor="right" open={caseId !== null} onClose={onClose} slotProps={{ paper: { sx: { width: 'min(820px, 100vw)', p: 3 } } }}>
      {c ? (
        <Stack spacing={2} data-testid="case-detail" data-type={c.type} data-status={c.status}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h2" sx={{ flex: 1 }}>
              {t('detail.title', { no: idTail(c.id) })}
            </Typography>
            <Chip label={t(`type.${c.type}`)} data-testid="case-type" />
            <Chip label={t(`status.${c.status}`)} color={c.status === 'open' ? 'primary' : 'default'} data-testid="case-status" />
            <CaseDue c={c} now={now} />
            <Button onClick={onClose} data-testid="case-close">
              {t('detail.close')}
            </Button>
          </Stack>
          <Typography color="text.secondary">
            {t(`origin.${c.origin}`)} · {time.dateTime(c.createdAt)}
          </Typography>
          {c.notice ? <Typography data-testid="case-notice">{t('detail.notice', { reference: c.notice.reference, amount: c.notice.amountFen === null ? '—' : formatRmb(c.notice.amountFen), last4: c.notice.last4 })}</Typography> : null}
          {c.reason ? <Typography data-testid="case-reason">{t('detail.reason', { scheme: c.reason.scheme, code: c.reason.code, category: t(`category.${c.reason.category}`) })}</Typography> : null}
          {c.notes ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.notes}</Typography> : null}
          {c.evidence ? <Alert severity="info" data-testid="case-evidence">{t('detail.evidenceSent', { at: time.dateTime(c.evidence.sentAt), sha: c.evidence.bundleSha256 })}</Alert> : null}
          <CaseError />
          <CaseSales c={c} sales={sales} onOpenSale={views.saleView ? setSaleOpen : null} refundFor={refundFor} setRefundFor={setRefundFor} />
          {c.origin === 'notice' || c.type === 'duplicate-charge' || sales.length === 0 ? <CaseCandidates c={c} transactionAt={transactionAt} /> : null}
          {checklist ? <CaseChecklist checklist={checklist} onAction={act} /> : null}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" disabled={busy === 'slip' || sales.length === 0} onClick={() => fireAndLog(logger, 'cases.slip-failed', cases.printExplanation(c.id).then(setSlip))} data-testid="case-print-slip">
              {t('detail.printSlip')}
            </Button>
            {slip ? <Typography data-testid="case-slip-state" data-state={slip}>{t('detail.slipPrinted', { state: slip })}</Typography> : null}
          </Stack>
          {signFor ? <FollowUpActions sale={signFor} /> : null}
          <CaseFollowUp c={c} events={events} attachRef={attachRef} attachKind={attachKind} setAttachKind={setAttachKind} preview={views.preview} />
        </Stack>
      ) : (
        <Box />
      )}
      {views.saleView ? views.saleView(saleOpen, () => setSaleOpen(null)) : null}
    </Drawer>
  );
};
