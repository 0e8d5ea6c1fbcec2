import { useEffect } from 'react';
import { Alert, Button, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { formatRmb } from '../../../../shared/domain/money';
import { useSessionActions } from '../session/SessionContext';
import { useServiceSnapshot, useServices } from '../session/ServicesContext';
import type { ServiceError } from '../../services/observable';
import { MappingEditor } from './MappingEditor';
import { ProblemsTable } from './ProblemsTable';

/** A file-level refusal, translated, naming the row and column where there is one. */
export const FileError = ({ error, when }: { error: ServiceError; when?: string }) => {
  const { t } = useTranslation('settlement');
  const d = error.detail ?? {};
  const known = ['stated', 'found'].filter((k) => typeof d[k] === 'number');
  const money = Object.fromEntries(known.map((k) => [k, formatRmb(Math.abs(Number(d[k])))]));
  return (
    <Alert severity="error" data-testid="import-error" data-code={error.code} data-row={error.row ?? ''}>
      {t(`fileErrors.${error.code}`, {
        defaultValue: t('fileErrors.INTERNAL'),
        ...d,
        ...money,
        row: error.row ?? '',
        column: error.column ? ` · ${error.column}` : '',
        when: when ? ` (${when})` : '',
      })}
    </Alert>
  );
};

/** Import a settlement file or bank statement: preview with every row's problems, mapping, all-or-nothing store. */
export const ImportPanel = () => {
  const { t } = useTranslation('settlement');
  const { logger, imports } = useServices();
  const s = useServiceSnapshot(imports);
  const operatorId = useSessionActions().operator?.id ?? '';
  useEffect(() => {
    fireAndLog(logger, 'settlement.import-panel-failed', imports.refreshHistory());
  }, [logger, imports]);
  const p = s.preview;
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    await imports.open({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">{t('import.intro')}</Typography>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button variant="contained" component="label" disabled={s.phase === 'reading' || s.phase === 'storing'}>
            {t('import.choose')}
            <input hidden type="file" accept=".csv,.txt,.tsv,.dat,.xlsx" data-testid="import-file" onChange={(e) => fireAndLog(logger, 'settlement.import-panel-failed', pick(e.target.files?.[0]).then(() => (e.target.value = '')))} />
          </Button>
          {s.phase === 'done' || s.phase === 'failed' ? (
            <Button onClick={() => imports.reset()} data-testid="import-another">
              {t('import.another')}
            </Button>
          ) : null}
        </Stack>
        {s.phase === 'reading' ? (
          <Stack spacing={1} sx={{ mt: 2 }}>
            <Typography>{t('import.reading', { name: s.fileName })}</Typography>
            <LinearProgress />
          </Stack>
        ) : null}
        {s.phase === 'storing' && s.progress ? (
          <Stack spacing={1} sx={{ mt: 2 }} data-testid="import-progress">
            <Typography>{t('import.storing', s.progress)}</Typography>
            <LinearProgress variant="determinate" value={s.progress.total === 0 ? 100 : (100 * s.progress.done) / s.progress.total} />
          </Stack>
        ) : null}
        {s.error ? (
          <Stack sx={{ mt: 2 }}>
            <FileError error={s.error} {...(s.duplicateOf ? { when: new Date(s.duplicateOf.importedAt).toLocaleString() } : {})} />
          </Stack>
        ) : null}
        {s.phase === 'done' && s.result ? (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="import-done" data-added={s.result.added} data-skipped={s.result.skipped}>
            {t('import.done', { added: s.result.added, skipped: s.result.skipped > 0 ? t('import.skipped', { count: s.result.skipped }) : '' })}
          </Alert>
        ) : null}
      </Paper>
      {p && s.phase === 'preview' ? (
        <>
          <Paper sx={{ p: 2 }} data-testid="import-preview" data-kind={p.profile.sourceKind} data-errors={p.errors}>
            <Stack spacing={1}>
              <Typography sx={{ fontWeight: 700 }}>{t('import.file', { name: s.fileName, format: p.format.toUpperCase(), encoding: p.encoding ? ` · ${p.encoding}` : '', rows: p.table.dataRows.length })}</Typography>
              <Typography variant="body2">{t('import.recognised', { titles: p.table.titleRows.length, totals: p.table.totalRows.length, notes: p.table.noteRows.length })}</Typography>
              <Alert severity={p.mapping === 'saved' ? 'success' : 'info'} data-testid="import-mapping" data-mapping={p.mapping}>
                {t(`import.mapping.${p.mapping}`)}
              </Alert>
              <TextField label={t('import.sourceName')} value={s.sourceName} onChange={(e) => imports.setSourceName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'import-source-name' } }} sx={{ maxWidth: 420 }} />
              <MappingEditor profile={p.profile} onChange={(change) => imports.remap(change)} />
            </Stack>
          </Paper>
          <ProblemsTable preview={p} />
          <Paper sx={{ p: 2 }}>
            {p.errors > 0 ? <Alert severity="error">{t('import.blocked')}</Alert> : null}
            <Button variant="contained" size="large" sx={{ mt: p.errors > 0 ? 1 : 0 }} disabled={p.errors > 0 || p.rows.length === 0} onClick={() => fireAndLog(logger, 'settlement.import-panel-failed', imports.confirm(operatorId))} data-testid="import-confirm">
              {t('import.confirm', { count: p.rows.length })}
            </Button>
          </Paper>
        </>
      ) : null}
      {s.history.length > 0 ? (
        <Paper sx={{ p: 2 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            {t('import.history')}
          </Typography>
          <Table size="small" data-testid="import-history">
            <TableHead>
              <TableRow>
                {(['at', 'file', 'source', 'rows', 'added'] as const).map((c) => (
                  <TableCell key={c}>{t(`import.historyColumns.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {s.history.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{new Date(h.importedAt).toLocaleString()}</TableCell>
                  <TableCell>{h.fileName}</TableCell>
                  <TableCell>{h.sourceName}</TableCell>
                  <TableCell>{h.rows}</TableCell>
                  <TableCell>{h.added}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
};
