import { useMemo, useState } from 'react';
import { Button, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, dueState } from '../../../../shared/domain/cases/case-status';
import type { CaseStatus } from '../../../../shared/domain/cases/case-status';
import { CASE_TYPES } from '../../../../shared/domain/cases/case-types';
import type { CaseType } from '../../../../shared/domain/cases/case-types';
import { idTail } from '../../../../shared/domain/ids';
import { useShopTime } from '../session/useShopTime';
import type { CaseViews } from './CaseDetail';
import { CaseDetail } from './CaseDetail';
import { CaseDue } from './CaseDue';
import { NoticeDialog } from './NoticeDialog';
import { useCaseList, useNow } from './useCases';

type DueFilter = 'all' | 'overdue' | 'due-soon';

/** Rows drawn at first (a screenful and more); the rest a page at a time, so 1,000 open cases paint at once. */
const PAGE = 25;

/**
 * The cases screen: open cases by due date (or the decided ones of a status), filtered by type and
 * due, with counts per type; a bank notice opens a case here. A case opens in its drawer.
 */
export const CasesPage = ({ initialCase = null, views }: { initialCase?: string | null; views: CaseViews }) => {
  const { t } = useTranslation('cases');
  const time = useShopTime();
  const now = useNow();
  const [status, setStatus] = useState<'active' | CaseStatus>('active');
  const [type, setType] = useState<'all' | CaseType>('all');
  const [due, setDue] = useState<DueFilter>('all');
  const [open, setOpen] = useState<string | null>(initialCase);
  const [notice, setNotice] = useState(false);
  const [transactionAt, setTransactionAt] = useState<number | null>(null);
  const [rowsShown, setRowsShown] = useState(PAGE);
  const list = useCaseList(status);
  const counts = useMemo(() => {
    const byType = new Map<string, number>();
    for (const c of list ?? []) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
    return byType;
  }, [list]);
  const shown = (list ?? []).filter((c) => (type === 'all' || c.type === type) && (due === 'all' || dueState(c, now) === due));
  return (
    <Stack spacing={2} data-testid="cases-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('title')}
        </Typography>
        <Button variant="contained" onClick={() => setNotice(true)} data-testid="cases-new-notice">
          {t('newNotice')}
        </Button>
      </Stack>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField select size="small" label={t('filters.status')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} sx={{ width: 240 }} slotProps={{ htmlInput: { 'data-testid': 'cases-filter-status' } }}>
            <MenuItem value="active">{t('filters.active')}</MenuItem>
            {CASE_STATUSES.map((s) => (
              <MenuItem key={s} value={s} data-testid={`cases-status-${s}`}>{t(`status.${s}`)}</MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('filters.type')} value={type} onChange={(e) => setType(e.target.value as typeof type)} sx={{ width: 280 }} slotProps={{ htmlInput: { 'data-testid': 'cases-filter-type' } }}>
            <MenuItem value="all">{t('filters.all')} ({list?.length ?? 0})</MenuItem>
            {CASE_TYPES.map((ct) => (
              <MenuItem key={ct} value={ct} data-testid={`cases-type-${ct}`}>
                {t(`type.${ct}`)} ({counts.get(ct) ?? 0})
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('filters.due')} value={due} onChange={(e) => setDue(e.target.value as DueFilter)} sx={{ width: 200 }} slotProps={{ htmlInput: { 'data-testid': 'cases-filter-due' } }}>
            <MenuItem value="all">{t('filters.all')}</MenuItem>
            <MenuItem value="overdue" data-testid="cases-due-overdue">{t('filters.overdue')}</MenuItem>
            <MenuItem value="due-soon" data-testid="cases-due-soon">{t('filters.dueSoon')}</MenuItem>
          </TextField>
          <Typography data-testid="cases-count" data-count={shown.length}>
            {t('count', { count: shown.length })}
          </Typography>
        </Stack>
      </Paper>
      <Paper>
        {list && shown.length === 0 ? <Typography sx={{ p: 2 }}>{t('none')}</Typography> : null}
        {shown.length > 0 ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>#</TableCell>
                <TableCell>{t('columns.opened')}</TableCell>
                <TableCell>{t('columns.type')}</TableCell>
                <TableCell>{t('columns.sales')}</TableCell>
                <TableCell>{t('columns.status')}</TableCell>
                <TableCell>{t('columns.due')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.slice(0, rowsShown).map((c) => (
                <TableRow key={c.id} hover onClick={() => setOpen(c.id)} sx={{ cursor: 'pointer' }} data-testid="case-row" data-type={c.type} data-status={c.status} data-due={dueState(c, now)}>
                  <TableCell>{idTail(c.id)}</TableCell>
                  <TableCell>{time.dateTime(c.createdAt)}</TableCell>
                  <TableCell>{t(`type.${c.type}`)}</TableCell>
                  <TableCell>{c.saleIds.length > 0 ? c.saleIds.length : t('noSales')}</TableCell>
                  <TableCell>{t(`status.${c.status}`)}</TableCell>
                  <TableCell>
                    <CaseDue c={c} now={now} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {shown.length > rowsShown ? (
          <Button onClick={() => setRowsShown((n) => n + 100)} sx={{ m: 1 }} data-testid="cases-more">
            {t('more', { count: shown.length - rowsShown })}
          </Button>
        ) : null}
      </Paper>
      {notice ? (
        <NoticeDialog
          onClose={() => setNotice(false)}
          onOpened={(c, at) => {
            setNotice(false);
            setTransactionAt(at);
            setOpen(c.id);
          }}
        />
      ) : null}
      <CaseDetail caseId={open} onClose={() => setOpen(null)} transactionAt={transactionAt} views={views} />
    </Stack>
  );
};
