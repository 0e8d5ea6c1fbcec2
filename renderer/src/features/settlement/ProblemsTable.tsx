import { Alert, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatRmb } from '../../../../shared/domain/money';
import type { ImportPreview } from '../../../../shared/domain/reconciliation/preview';

const SHOWN = 200;
const two = (n: number): string => String(n).padStart(2, '0');
const clock = (ms: number | null): string => {
  if (ms === null) return '';
  const d = new Date(ms + 8 * 3600_000);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

/** Every row's problems (row, column, what, the text) and the first rows as they were read. */
export const ProblemsTable = ({ preview: p }: { preview: ImportPreview }) => {
  const { t } = useTranslation('settlement');
  return (
    <>
      <Paper sx={{ p: 2 }} data-testid="import-problems">
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('import.problemsTitle', { errors: p.errors, warnings: p.warnings })}
        </Typography>
        {p.problems.length === 0 ? <Alert severity="success">{t('import.noProblems')}</Alert> : null}
        {p.problems.length > 0 ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                {(['row', 'column', 'problem', 'value'] as const).map((c) => (
                  <TableCell key={c}>{t(`import.column.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {p.problems.slice(0, SHOWN).map((x, i) => (
                <TableRow key={`${x.row}-${x.code}-${i}`} data-testid="import-problem" data-row={x.row} data-code={x.code} data-severity={x.severity} sx={{ bgcolor: x.severity === 'error' ? '#fdecea' : '#fff8e1' }}>
                  <TableCell>{x.row}</TableCell>
                  <TableCell>{x.column ?? ''}</TableCell>
                  <TableCell>{t(`rowErrors.${x.code}`)}</TableCell>
                  <TableCell>{x.value ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('import.sample')}
        </Typography>
        <Table size="small" data-testid="import-sample">
          <TableHead>
            <TableRow>
              {(['day', 'time', 'amount', 'fee', 'kind', 'rrn', 'last4', 'memo'] as const).map((c) => (
                <TableCell key={c}>{t(`import.sampleColumns.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {p.rows.slice(0, 20).map((r) => (
              <TableRow key={r.line}>
                <TableCell>{r.day}</TableCell>
                <TableCell>{clock(r.at)}</TableCell>
                <TableCell>{`${r.amountFen < 0 ? '-' : ''}${formatRmb(Math.abs(r.amountFen))}`}</TableCell>
                <TableCell>{r.feeFen === null ? '' : formatRmb(Math.abs(r.feeFen))}</TableCell>
                <TableCell>{t(`kind.${r.kind}`, { defaultValue: r.kind })}</TableCell>
                <TableCell>{r.rrn ?? ''}</TableCell>
                <TableCell>{r.last4 ?? ''}</TableCell>
                <TableCell>{r.memo ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </>
  );
};
