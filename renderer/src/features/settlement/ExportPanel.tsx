import { useState } from 'react';
import { Alert, Button, Chip, FormControl, InputLabel, MenuItem, Paper, Select, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { dayOf } from '../../../../shared/domain/reconciliation/values';
import { useServices } from '../session/ServicesContext';
import { useSessionActions } from '../session/SessionContext';
import { useExports } from './useExports';
import { ManagerPinDialog } from './ManagerPinDialog';

/** Transactions and the reconciliation result for a date range, CSV or XLSX (a manager's, audited). */
export const ExportPanel = () => {
  const { t } = useTranslation('settlement');
  const operatorId = useSessionActions().operator?.id ?? '';
  const { logger } = useServices();
  const [from, setFrom] = useState(() => dayOf(Date.now()));
  const [to, setTo] = useState(() => dayOf(Date.now()));
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [asking, setAsking] = useState(false);
  const { run, saved, failed } = useExports();
  return (
    <Paper sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Typography color="text.secondary">{t('export.intro')}</Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField type="date" size="small" sx={{ width: 200 }} label={t('reconcile.from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'export-from' } }} />
          <TextField type="date" size="small" sx={{ width: 200 }} label={t('reconcile.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'export-to' } }} />
          <FormControl size="small" sx={{ minWidth: 220 }}>
            <InputLabel>{t('export.format')}</InputLabel>
            <Select label={t('export.format')} value={format} onChange={(e) => setFormat(e.target.value === 'csv' ? 'csv' : 'xlsx')} inputProps={{ 'data-testid': 'export-format' }}>
              <MenuItem value="xlsx">{t('export.formats.xlsx')}</MenuItem>
              <MenuItem value="csv">{t('export.formats.csv')}</MenuItem>
            </Select>
          </FormControl>
          <Button variant="contained" disabled={!from || !to || from > to} onClick={() => setAsking(true)} data-testid="export-run">
            {t('export.button')}
          </Button>
          <Chip size="small" label={t('managerOnly')} />
        </Stack>
        {saved ? (
          <Alert severity="success" data-testid="export-done">
            {t('export.done', { files: saved.join(', ') })}
          </Alert>
        ) : null}
        {failed ? <Alert severity="error">{t('fileErrors.INTERNAL')}</Alert> : null}
      </Stack>
      {asking ? (
        <ManagerPinDialog
          action="export"
          onClose={() => setAsking(false)}
          onApproved={({ managerId }) => {
            setAsking(false);
            fireAndLog(logger, 'settlement.export-panel-failed', run({ from, to, format, operatorId, approvedBy: managerId }));
          }}
        />
      ) : null}
    </Paper>
  );
};
