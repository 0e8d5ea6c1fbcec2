import { useState } from 'react';
import type { ComponentType } from 'react';
import { Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { idTail } from '../../../../shared/domain/ids';
import type { AttachmentRecord, SaleRecord } from '../../data/records';
import { CaseDetail } from './CaseDetail';
import { CaseDue } from './CaseDue';
import { OpenCaseDialog } from './OpenCaseDialog';
import { useNow, useSaleCases } from './useCases';

/** A sale's cases (any status) in its detail, and opening a case for it. */
export const SaleCases = ({ sale, preview }: { sale: SaleRecord; preview: ComponentType<{ file: AttachmentRecord }> }) => {
  const { t } = useTranslation('cases');
  const list = useSaleCases(sale.id) ?? [];
  const now = useNow();
  const [opening, setOpening] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="sale-cases" data-count={list.length}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" sx={{ flex: 1 }}>
          {t('sale.title')}
        </Typography>
        <Button size="small" variant="outlined" onClick={() => setOpening(true)} data-testid="sale-open-case">
          {t('sale.open')}
        </Button>
      </Stack>
      {list.length === 0 ? <Typography color="text.secondary">{t('sale.none')}</Typography> : null}
      {list.map((c) => (
        <Stack key={c.id} direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }} data-testid="sale-case" data-type={c.type} data-status={c.status}>
          <Typography sx={{ flex: 1 }}>
            {idTail(c.id)} · {t(`type.${c.type}`)}
          </Typography>
          <Chip size="small" label={t(`status.${c.status}`)} />
          <CaseDue c={c} now={now} />
          <Button size="small" onClick={() => setShown(c.id)} data-testid="sale-case-show">
            {t('sale.show')}
          </Button>
        </Stack>
      ))}
      {opening ? (
        <OpenCaseDialog
          saleIds={[sale.id]}
          origin="sale"
          onClose={() => setOpening(false)}
          onOpened={(c) => {
            setOpening(false);
            setShown(c.id);
          }}
        />
      ) : null}
      <CaseDetail caseId={shown} onClose={() => setShown(null)} views={{ preview }} />
    </Paper>
  );
};
