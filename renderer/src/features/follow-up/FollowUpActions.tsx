import { useRef, useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useHostSettings } from '../../app/HostSettingsContext';
import { useSessionActions } from '../../app/SessionContext';
import type { SaleRecord } from '../../data/records';
import { usePrintSale } from '../sale/usePrintSale';
import { SignatureCanvas } from '../signature/SignatureCanvas';
import type { SignatureCanvasHandle } from '../signature/SignatureCanvas';
import { MAX_ATTACHMENT_BYTES } from './follow-up';
import { useFollowUp } from './useFollowUp';

type Mode = 'choose' | 'capture' | 'paper' | 'exception';

/** The 补签 workflow for one unsigned sale: sign now, print a slip, paper + scan, or register. */
export const FollowUpActions = ({ sale }: { sale: SaleRecord }) => {
  const { t } = useTranslation('followUp');
  const { settings } = useHostSettings();
  const { operator } = useSessionActions();
  const actions = useFollowUp(sale, settings, operator?.id ?? '');
  const { printCopy } = usePrintSale(settings, { id: operator?.id ?? '', name: operator?.name ?? '' });
  const [mode, setMode] = useState<Mode>('choose');
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [contacts, setContacts] = useState('');
  const [notes, setNotes] = useState('');
  const pad = useRef<SignatureCanvasHandle>(null);

  const save = (): void => {
    record().catch(() => setError(t('saveFailed')));
  };

  const record = async (): Promise<void> => {
    setError(null);
    if (mode === 'capture') {
      const captured = pad.current?.capture();
      if (!captured) return setError(t('needSignature'));
      await actions.capture(captured.strokes, captured.png);
    } else if (mode === 'paper') {
      if (!file) return setError(t('needFile'));
      if (file.size > MAX_ATTACHMENT_BYTES) return setError(t('tooLarge'));
      await actions.paper(file, notes);
    } else if (mode === 'exception') {
      if (!reason.trim()) return setError(t('needReason'));
      await actions.exception(reason.trim(), contacts.trim(), notes.trim());
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, borderColor: 'warning.main' }} data-testid="follow-up">
      <Stack spacing={2}>
        <Typography variant="h6">{t('title')}</Typography>
        <Typography variant="body2">{t('intro')}</Typography>
        {mode === 'choose' ? (
          <Stack spacing={1}>
            <Button variant="contained" onClick={() => setMode('capture')} data-testid="follow-up-capture">
              {t('captureNow')}
            </Button>
            <Button
              variant="outlined"
              data-testid="follow-up-print-slip"
              onClick={() => void printCopy(sale, 'supplementary').then(() => setInfo(t('slipPrinted')))}
            >
              {t('printSlip')}
            </Button>
            <Button variant="outlined" onClick={() => setMode('paper')} data-testid="follow-up-paper">
              {t('paper')}
            </Button>
            <Button variant="outlined" color="warning" onClick={() => setMode('exception')} data-testid="follow-up-exception">
              {t('exception')}
            </Button>
          </Stack>
        ) : null}
        {mode === 'capture' ? <SignatureCanvas ref={pad} height={200} testId="follow-up-canvas" /> : null}
        {mode === 'paper' ? (
          <Stack spacing={1}>
            <Button variant="outlined" component="label">
              {t('attach')}
              <input hidden type="file" accept="image/*,application/pdf" data-testid="follow-up-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </Button>
            {file ? <Typography>{t('attached', { name: file.name })}</Typography> : null}
            <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
          </Stack>
        ) : null}
        {mode === 'exception' ? (
          <Stack spacing={1}>
            <TextField label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'follow-up-reason' } }} />
            <TextField label={t('contacts')} value={contacts} multiline minRows={2} onChange={(e) => setContacts(e.target.value.slice(0, 500))} slotProps={{ htmlInput: { 'data-testid': 'follow-up-contacts' } }} />
            <TextField label={t('notes')} value={notes} onChange={(e) => setNotes(e.target.value.slice(0, 500))} />
          </Stack>
        ) : null}
        {error ? (
          <Alert severity="error" data-testid="follow-up-error">
            {error}
          </Alert>
        ) : null}
        {info ? <Alert severity="info">{info}</Alert> : null}
        {mode !== 'choose' ? (
          <Stack direction="row" spacing={1}>
            <Button onClick={() => setMode('choose')}>{t('cancel')}</Button>
            <Button variant="contained" onClick={save} data-testid="follow-up-save">
              {t('save')}
            </Button>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
};
