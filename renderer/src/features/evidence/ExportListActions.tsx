import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { planFor } from '../../data/sales-query';
import type { SaleSearch } from '../../data/sales-query';
import type { SaleFilter } from '../../data/sales-views';
import { fireAndLog } from '../../services/logger';
import { DateField } from '../session/DateField';
import { useServices } from '../session/ServicesContext';
import { useShopTime } from '../session/useShopTime';
import { ExportProgressDialog } from './ExportProgressDialog';
import { TdlListDialog } from './TdlListDialog';
import { useEvidenceExport } from './useEvidence';

const LIST_SCOPES = ['plan', 'ids'] as const;

const DayDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('evidence');
  const time = useShopTime();
  const { evidence, logger } = useServices();
  const [day, setDay] = useState(() => time.date(Date.now()));
  const from = time.parse(day, 'start');
  const to = time.parse(day, 'end');
  const start = () => {
    if (from === null || to === null) return;
    onClose();
    fireAndLog(logger, 'evidence.export-failed', evidence.start({ kind: 'plan', plan: planFor('all', { from, to: to - 1 }), name: `day-${day.trim().replace(/[^0-9]+/g, '')}` }));
  };
  return (
    <Dialog open onClose={onClose} data-testid="evidence-day-dialog">
      <DialogTitle>{t('export.dayTitle')}</DialogTitle>
      <DialogContent>
        <Stack sx={{ pt: 1 }}>
          <DateField label={t('export.dayLabel')} value={day} onChange={setDay} time={time} testId="evidence-day" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('export.close')}</Button>
        <Button variant="contained" disabled={from === null} onClick={start} data-testid="evidence-day-export">
          {t('export.start')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * Evidence for a selection, from the transactions list: every sale the current filter and search
 * show, a day's sales, or the sales a bank's 调单 list names. Manager only (main checks again).
 */
export const ExportListActions = ({ filter, search, listName }: { filter: SaleFilter; search: SaleSearch; listName: string }) => {
  const { t } = useTranslation('evidence');
  const { evidence, logger } = useServices();
  const { canExport } = useEvidenceExport();
  const [dialog, setDialog] = useState<'day' | 'tdl' | null>(null);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="evidence-list-actions">
      <Tooltip title={t('export.listHint')}>
        <span>
          <Button size="small" variant="outlined" disabled={!canExport} onClick={() => fireAndLog(logger, 'evidence.export-failed', evidence.start({ kind: 'plan', plan: planFor(filter, search), name: listName }))} data-testid="evidence-export-list">
            {t('export.list')}
          </Button>
        </span>
      </Tooltip>
      <Button size="small" variant="outlined" disabled={!canExport} onClick={() => setDialog('day')} data-testid="evidence-export-day">
        {t('export.day')}
      </Button>
      <Button size="small" variant="outlined" disabled={!canExport} onClick={() => setDialog('tdl')} data-testid="evidence-export-tdl">
        {t('export.tdl')}
      </Button>
      {canExport ? null : (
        <Typography variant="caption" color="text.secondary">
          {t('export.managerOnly')}
        </Typography>
      )}
      {dialog === 'day' ? <DayDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'tdl' ? <TdlListDialog onClose={() => setDialog(null)} /> : null}
      <ExportProgressDialog scopes={LIST_SCOPES} />
    </Stack>
  );
};
