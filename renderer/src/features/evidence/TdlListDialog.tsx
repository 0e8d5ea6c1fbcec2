import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { fireAndLog } from '../../services/logger';
import { MAX_TDL_LINES, matchTdlList, parseTdlList } from '../../services/evidence/tdl-list';
import type { TdlMatch } from '../../services/evidence/tdl-list';
import { useServices } from '../session/ServicesContext';

/** A pasted 调单 list: which lines matched a sale here and which did not, then an export of the matched sales. */
export const TdlListDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation('evidence');
  const { db, evidence, logger } = useServices();
  const [text, setText] = useState('');
  const [match, setMatch] = useState<TdlMatch | null>(null);
  const lines = parseTdlList(text);
  const tooMany = lines.length > MAX_TDL_LINES;
  const find = () => {
    fireAndLog(
      logger,
      'evidence.tdl-match-failed',
      matchTdlList(db, lines).then((m) => setMatch(m)),
    );
  };
  const exportMatched = () => {
    if (!match || match.saleIds.length === 0) return;
    onClose();
    fireAndLog(logger, 'evidence.export-failed', evidence.start({ kind: 'ids', saleIds: match.saleIds, name: `tdl-${new Date().toISOString().slice(0, 10)}` }));
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="evidence-tdl-dialog">
      <DialogTitle>{t('tdl.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">{t('tdl.help')}</Typography>
          <TextField
            multiline
            minRows={5}
            maxRows={12}
            label={t('tdl.label')}
            value={text}
            error={tooMany}
            helperText={tooMany ? t('tdl.tooMany', { max: MAX_TDL_LINES }) : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setMatch(null);
            }}
            slotProps={{ htmlInput: { 'data-testid': 'evidence-tdl-text', spellCheck: false } }}
          />
          {match ? (
            <Stack spacing={1} data-testid="evidence-tdl-result" data-matched={match.matched.length} data-unmatched={match.unmatched.length}>
              {match.matched.length === 0 ? <Alert severity="warning">{t('tdl.none')}</Alert> : null}
              {match.matched.length > 0 ? (
                <Alert severity="success">
                  {t('tdl.matched', { count: match.matched.length })} · {t('tdl.sales', { count: match.saleIds.length })}
                  <Typography component="div" variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'pre-line' }} data-testid="evidence-tdl-matched">
                    {match.matched.map((m) => m.ref).join('\n')}
                  </Typography>
                </Alert>
              ) : null}
              {match.unmatched.length > 0 ? (
                <Alert severity="warning">
                  {t('tdl.unmatched', { count: match.unmatched.length })}
                  <Typography component="div" variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'pre-line' }} data-testid="evidence-tdl-unmatched">
                    {match.unmatched.join('\n')}
                  </Typography>
                </Alert>
              ) : null}
            </Stack>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('export.close')}</Button>
        <Button disabled={lines.length === 0 || tooMany} onClick={find} data-testid="evidence-tdl-match">
          {t('tdl.match')}
        </Button>
        <Button variant="contained" disabled={!match || match.saleIds.length === 0} onClick={exportMatched} data-testid="evidence-tdl-export">
          {t('tdl.exportMatched')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
