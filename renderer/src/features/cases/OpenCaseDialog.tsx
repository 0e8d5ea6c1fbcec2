import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES } from '../../../../shared/domain/cases/case-types';
import type { CaseType } from '../../../../shared/domain/cases/case-types';
import type { DisputeCaseRecord } from '../../data/records';
import { fireAndLog } from '../../services/logger';
import { useServices } from '../session/ServicesContext';
import { CaseError } from './CaseError';

/** Customer complaints (not the bank's notices, which have their own form). */
const COMPLAINT_TYPES = CASE_TYPES.filter((t) => t !== 'retrieval-request' && t !== 'chargeback');

/** Opens a case on the given sales (from a sale's detail or the SMS lookup): a type and what was said. */
export const OpenCaseDialog = ({ saleIds, origin, initialType, onClose, onOpened }: { saleIds: string[]; origin: DisputeCaseRecord['origin']; initialType?: CaseType; onClose: () => void; onOpened: (c: DisputeCaseRecord) => void }) => {
  const { t } = useTranslation('cases');
  const { cases, logger } = useServices();
  const [type, setType] = useState<CaseType>(initialType ?? (saleIds.length > 1 ? 'duplicate-charge' : 'failed-but-charged'));
  const [notes, setNotes] = useState('');
  const submit = async (): Promise<void> => {
    const c = await cases.open({ type, saleIds, origin, notes });
    if (c) onOpened(c);
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('open.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select label={t('open.type')} value={type} onChange={(e) => setType(e.target.value as CaseType)} slotProps={{ htmlInput: { 'data-testid': 'open-case-type' } }}>
            {COMPLAINT_TYPES.map((ct) => (
              <MenuItem key={ct} value={ct} data-testid={`case-type-${ct}`}>
                {t(`type.${ct}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label={t('open.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'open-case-notes' } }} />
          <CaseError />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('open.cancel')}</Button>
        <Button variant="contained" onClick={() => fireAndLog(logger, 'cases.open-failed', submit())} data-testid="open-case-submit">
          {t('open.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
